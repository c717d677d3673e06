/**
 * `switchboard sim …`: the CTI simulator's admin interface from a shell — place a caller's call,
 * hang one up, take a phone out of service, run the call generator, force an agent out, restart
 * the CTI service or put it into maintenance while calls go on — over the
 * simulator's HTTP/JSON admin API (cti/simulator/admin.ts), so that a demo or a test of the
 * desktop needs no curl. Output goes through `out` so that tests capture it.
 */
import { type CommandLine, UsageError } from './options/index.ts';
import { adminTokenFile, readAdminToken } from './simulator.ts';

interface Admin {
  base: string;
  /** The admin API's bearer token (SWITCHBOARD_CTI_ADMIN_TOKEN or `<data-dir>/cti-admin.token`). */
  token: string | undefined;
  /** Where the token was looked for, for the message of a 401. */
  tokenFile: string;
}

async function call(admin: Admin, method: string, path: string, body?: object): Promise<unknown> {
  const { base } = admin;
  let res: Response;
  const headers: Record<string, string> = body ? { 'Content-Type': 'application/json' } : {};
  if (admin.token) headers.Authorization = `Bearer ${admin.token}`;
  try {
    res = await fetch(new URL(path, base), {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new Error(
      `cannot reach the simulator's admin API at ${base} (${(e as Error).cause ?? (e as Error).message})`,
    );
  }
  const text = await res.text();
  if (res.status === 401)
    throw new Error(
      `the simulator's admin API wants its token: ${admin.token ? 'the one in' : 'none found in'} ` +
        `${admin.tokenFile} ${admin.token ? 'is not it' : ''} (--data-dir of the node, or SWITCHBOARD_CTI_ADMIN_TOKEN)`,
    );
  const json = text ? (JSON.parse(text) as { error?: string; message?: string }) : undefined;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.message ?? json?.error ?? text}`);
  return json;
}

interface StateView {
  agents: {
    agentId: string;
    extension: string;
    state: number;
    reasonCode: number;
    isOutOfService: boolean;
  }[];
  calls: { id: number; ani: string; dnis: string }[];
  queues: { skillGroup: { number: number }; callIds: number[] }[];
  generator: { isRunning: boolean; rate: number };
}

// GED-188 AgentState names, as the simulator reports them.
const STATES = [
  'LOGIN',
  'LOGOUT',
  'NOT_READY',
  'AVAILABLE',
  'TALKING',
  'WORK_NOT_READY',
  'WORK_READY',
  'BUSY_OTHER',
  'RESERVED',
  'UNKNOWN',
  'HOLD',
  'ACTIVE',
  'PAUSED',
  'INTERRUPTED',
  'NOT_ACTIVE',
];

function describeState(s: StateView): string {
  const lines = ['agent   ext    state            reason'];
  for (const a of s.agents)
    lines.push(
      `${a.agentId.padEnd(7)} ${a.extension.padEnd(6)} ${(STATES[a.state] ?? String(a.state)).padEnd(16)} ${a.reasonCode || ''}${a.isOutOfService ? ' (phone out of service)' : ''}`.trimEnd(),
    );
  lines.push('', s.calls.length ? 'calls:' : 'no calls');
  for (const c of s.calls) lines.push(`  ${c.id}  from ${c.ani || '-'} to ${c.dnis || '-'}`);
  for (const q of s.queues)
    if (q.callIds.length)
      lines.push(`skill group ${q.skillGroup.number}: call ${q.callIds.join(', ')} waiting`);
  lines.push(`generator ${s.generator.isRunning ? `on, ${s.generator.rate} calls/min` : 'off'}`);
  return `${lines.join('\n')}\n`;
}

export async function runSimCli(cl: CommandLine, out: (s: string) => void): Promise<number> {
  const v = cl.values;
  const admin: Admin = {
    base: v.admin as string,
    token: readAdminToken(cl.config),
    tokenFile: adminTokenFile(cl.config.dataDir),
  };
  const num = (name: string) => v[name] as number | undefined;
  const [verb, arg] = cl.positionals;
  try {
    switch (verb) {
      case 'state': {
        const s = (await call(admin, 'GET', '/state')) as StateView;
        out(v.json ? `${JSON.stringify(s, null, 2)}\n` : describeState(s));
        return 0;
      }
      case 'call': {
        const dnis = (v.dnis as string[] | undefined)?.at(-1);
        if (!dnis) throw new UsageError('call needs --dnis');
        const vars: Record<string, string> = {};
        for (const nv of (v.var as string[] | undefined) ?? []) {
          const eq = nv.indexOf('=');
          if (eq <= 0) throw new UsageError(`--var takes name=value, not ${nv}`);
          vars[nv.slice(0, eq)] = nv.slice(eq + 1);
        }
        const r = (await call(admin, 'POST', '/calls', {
          dnis,
          ani: v.ani as string | undefined,
          vars,
          handleTimeSec: num('handle-time'),
        })) as { callId: number };
        out(`call ${r.callId} placed to ${dnis}\n`);
        return 0;
      }
      case 'drop':
        if (!arg) throw new UsageError('drop needs a call id');
        await call(admin, 'DELETE', `/calls/${encodeURIComponent(arg)}`);
        out(`call ${arg} hung up\n`);
        return 0;
      case 'out-of-service':
      case 'in-service':
        if (!arg) throw new UsageError(`${verb} needs an extension`);
        await call(
          admin,
          verb === 'in-service' ? 'DELETE' : 'POST',
          `/devices/${encodeURIComponent(arg)}/out-of-service`,
        );
        out(`phone ${arg} ${verb === 'in-service' ? 'back in service' : 'out of service'}\n`);
        return 0;
      case 'generator': {
        if (arg !== 'on' && arg !== 'off') throw new UsageError('generator on|off');
        const s = (await call(admin, 'POST', '/generator', {
          enabled: arg === 'on',
          rate: num('rate'),
          handleTimeSec: num('handle-time'),
          seed: num('seed'),
          dnis: v.dnis as string[] | undefined,
        })) as StateView['generator'];
        out(`generator ${s.isRunning ? `on, ${s.rate} calls/min` : 'off'}\n`);
        return 0;
      }
      case 'logout':
        if (!arg) throw new UsageError('logout needs an agent id');
        await call(admin, 'POST', `/agents/${encodeURIComponent(arg)}/logout`, {
          reasonCode: num('reason'),
        });
        out(`agent ${arg} logged out\n`);
        return 0;
      case 'restart': {
        const r = (await call(admin, 'POST', '/service/restart', { downSec: num('down') })) as {
          sessionsClosed: number;
          downSec: number;
        };
        out(
          `CTI service restarting: ${r.sessionsClosed} session(s) closed, connections refused for ${r.downSec} s; calls go on\n`,
        );
        return 0;
      }
      case 'maintenance': {
        const r = (await call(admin, 'POST', '/service/maintenance', { downSec: num('down') })) as {
          sessionsAsked: number;
          downSec: number;
        };
        out(
          `CTI server going into maintenance: ${r.sessionsAsked} session(s) asked to move, sessions refused for ${r.downSec} s; calls go on\n`,
        );
        return 0;
      }
      default:
        throw new UsageError(verb ? `unknown sim command ${verb}` : 'which sim command?');
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    out(`switchboard sim: ${(e as Error).message}\n`);
    return 1;
  }
}
