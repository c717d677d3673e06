/**
 * `switchboard notification logging enable|disable|status` and `switchboard webservices logging
 * …`: the Finesse console's `utils finesse notification logging enable`, done against a running
 * node over its REST API (`PUT /finesse/api/Logging`), so that nobody has to restart a node, or
 * even be on it, to get debug logs. Output goes through `out` so that tests capture it.
 */
import { renderLogging } from '../api/wire/index.ts';
import { type CommandLine, UsageError } from './options/index.ts';

const ELEMENT = { notification: 'notificationDebug', webservices: 'webservicesDebug' } as const;
const NAME = { notification: 'notification service debug logging', webservices: 'webservices debug logging' };

interface Args {
  component: keyof typeof ELEMENT;
  action: 'enable' | 'disable' | 'status';
  url: string;
  user: string;
  password: string;
}

function parse(cl: CommandLine): Args {
  const component = cl.command;
  const [word, action, extra] = cl.positionals;
  if (component !== 'notification' && component !== 'webservices')
    throw new UsageError(`unknown component ${component}`);
  if (word !== 'logging') throw new UsageError(`expected 'logging' after ${component}`);
  if (action !== 'enable' && action !== 'disable' && action !== 'status')
    throw new UsageError(`expected enable, disable or status, not ${action ?? 'nothing'}`);
  if (extra !== undefined) throw new UsageError(`unexpected argument ${extra}`);
  const v = cl.values;
  // The demo administrator unless told otherwise, as before the option registry.
  return {
    component,
    action,
    url: v.url as string,
    user: (v.user as string | undefined) ?? 'admin',
    password: (v.password as string | undefined) ?? 'admin',
  };
}

/** Exit code: 0 done, 1 the node refused or could not be reached; a `UsageError` for nonsense. */
export async function runLoggingCli(cl: CommandLine, out: (s: string) => void): Promise<number> {
  const a = parse(cl);
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
