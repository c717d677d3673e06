/**
 * `switchboard notification logging enable|disable|status` and `switchboard webservices logging
 * …`: the Finesse console's `utils finesse notification logging enable`, done against a running
 * node over its REST API (`PUT /finesse/api/Logging`), so that nobody has to restart a node, or
 * even be on it, to get debug logs. Output goes through `out` so that tests capture it.
 */
import { renderLogging } from '../api/wire/index.ts';

export const LOGGING_USAGE = `Log levels of a running node (Administrator credentials):
  switchboard notification logging enable|disable|status [--url URL] [--user ID --password PW]
      the notification service's debug.log (BOSH, XMPP and WebSocket traffic)
  switchboard webservices logging enable|disable|status [--url URL] [--user ID --password PW]
      the webservices log's debug lines
  --url defaults to $SWITCHBOARD_URL or http://localhost:8082; --user/--password to
  $SWITCHBOARD_USER/$SWITCHBOARD_PASSWORD or the demo administrator admin/admin.
`;

const ELEMENT = { notification: 'notificationDebug', webservices: 'webservicesDebug' } as const;
const NAME = { notification: 'notification service debug logging', webservices: 'webservices debug logging' };

class UsageError extends Error {}

interface Args {
  component: keyof typeof ELEMENT;
  action: 'enable' | 'disable' | 'status';
  url: string;
  user: string;
  password: string;
}

function parse(args: string[]): Args {
  const [component, word, action, ...rest] = args;
  if (component !== 'notification' && component !== 'webservices')
    throw new UsageError(`unknown component ${component}`);
  if (word !== 'logging') throw new UsageError(`expected 'logging' after ${component}`);
  if (action !== 'enable' && action !== 'disable' && action !== 'status')
    throw new UsageError(`expected enable, disable or status, not ${action ?? 'nothing'}`);
  const env = process.env;
  const out: Args = {
    component,
    action,
    url: env.SWITCHBOARD_URL || 'http://localhost:8082',
    user: env.SWITCHBOARD_USER || 'admin',
    password: env.SWITCHBOARD_PASSWORD || 'admin',
  };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = rest[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    if (flag === '--url') out.url = value.replace(/\/+$/, '');
    else if (flag === '--user') out.user = value;
    else if (flag === '--password') out.password = value;
    else throw new UsageError(`unknown option ${flag}`);
  }
  return out;
}

/** Exit code: 0 done, 1 the node refused or could not be reached, 2 usage error. */
export async function runLoggingCli(args: string[], out: (s: string) => void): Promise<number> {
  let a: Args;
  try {
    a = parse(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out(`switchboard: ${e.message}\n\n${LOGGING_USAGE}`);
    return 2;
  }
  const element = ELEMENT[a.component];
  const url = `${a.url}/finesse/api/Logging`;
  const headers: Record<string, string> = {
    Authorization: `Basic ${Buffer.from(`${a.user}:${a.password}`).toString('base64')}`,
    'Content-Type': 'application/xml',
  };
  let res: Response;
  try {
    res =
      a.action === 'status'
        ? await fetch(url, { headers })
        : await fetch(url, {
            method: 'PUT',
            headers,
            body: renderLogging({ [element]: a.action === 'enable' }),
          });
  } catch (e) {
    out(`switchboard: cannot reach ${a.url}: ${(e as Error).cause ?? (e as Error).message}\n`);
    return 1;
  }
  const text = await res.text();
  if (!res.ok) {
    // An ApiErrors body: its ErrorType says why (Authorization Failure, Invalid Input …).
    const why = /<ErrorType>([^<]*)<\/ErrorType>/.exec(text)?.[1] ?? text.slice(0, 200);
    out(`switchboard: ${url} answered HTTP ${res.status}: ${why}\n`);
    return 1;
  }
  const state = new RegExp(`<${element}>(true|false)</${element}>`).exec(text)?.[1];
  if (state === undefined) {
    out(`switchboard: unexpected answer from ${url}: ${text.slice(0, 200)}\n`);
    return 1;
  }
  out(`${NAME[a.component]}: ${state === 'true' ? 'enabled' : 'disabled'} on ${a.url}\n`);
  return 0;
}
