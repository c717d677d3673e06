/**
 * `switchboard sim …`: the CTI simulator's admin interface from a shell — place a caller's call,
 * hang one up, take a phone out of service, run the call generator, force an agent out — over the
 * simulator's HTTP/JSON admin API (cti/simulator/admin.ts), so that a demo or a test of the
 * desktop needs no curl. Output goes through `out` so that tests capture it.
 */

export const SIM_USAGE = `The CTI simulator's telephone network (its admin API, default http://127.0.0.1:42080):
  switchboard sim state [--json]                 agents, calls and queues
  switchboard sim call --dnis D [--ani A] [--var callVariable1=x …] [--handle-time S]
                                                 a caller dials D (8000: the demo queue)
  switchboard sim drop CALL_ID                   the caller hangs up
  switchboard sim out-of-service EXT | in-service EXT
  switchboard sim generator on|off [--rate CALLS_PER_MIN] [--handle-time S] [--seed N] [--dnis D]
  switchboard sim logout AGENT_ID [--reason CODE]  forced logout
  --admin URL (or $SWITCHBOARD_SIM_ADMIN) names another simulator.
`;

class UsageError extends Error {}

interface Parsed {
  words: string[];
  flags: Map<string, string[]>;
}

function parse(args: string[]): Parsed {
  const words: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') flags.set('json', ['true']);
    else if (a.startsWith('--')) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${a} needs a value`);
      flags.set(a.slice(2), [...(flags.get(a.slice(2)) ?? []), value]);
    } else words.push(a);
  }
  return { words, flags };
}

const one = (p: Parsed, name: string) => p.flags.get(name)?.at(-1);

function num(p: Parsed, name: string): number | undefined {
  const v = one(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, not ${v}`);
  return n;
}

async function call(base: string, method: string, path: string, body?: object): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(new URL(path, base), {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new Error(
      `cannot reach the simulator's admin API at ${base} (${(e as Error).cause ?? (e as Error).message})`,
    );
  }
  const text = await res.text();
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

export async function runSimCli(args: string[], out: (s: string) => void): Promise<number> {
  let p: Parsed;
  try {
    p = parse(args.slice(1));
  } catch (e) {
    out(`${(e as Error).message}\n\n${SIM_USAGE}`);
    return 2;
  }
  const base = one(p, 'admin') ?? process.env.SWITCHBOARD_SIM_ADMIN ?? 'http://127.0.0.1:42080';
  const [verb, arg] = p.words;
  try {
    switch (verb) {
      case 'state': {
        const s = (await call(base, 'GET', '/state')) as StateView;
        out(one(p, 'json') ? `${JSON.stringify(s, null, 2)}\n` : describeState(s));
        return 0;
      }
      case 'call': {
        const dnis = one(p, 'dnis');
        if (!dnis) throw new UsageError('call needs --dnis');
        const vars: Record<string, string> = {};
        for (const v of p.flags.get('var') ?? []) {
          const eq = v.indexOf('=');
          if (eq <= 0) throw new UsageError(`--var takes name=value, not ${v}`);
          vars[v.slice(0, eq)] = v.slice(eq + 1);
        }
        const r = (await call(base, 'POST', '/calls', {
          dnis,
          ani: one(p, 'ani'),
          vars,
          handleTimeSec: num(p, 'handle-time'),
        })) as { callId: number };
        out(`call ${r.callId} placed to ${dnis}\n`);
        return 0;
      }
      case 'drop':
        if (!arg) throw new UsageError('drop needs a call id');
        await call(base, 'DELETE', `/calls/${encodeURIComponent(arg)}`);
        out(`call ${arg} hung up\n`);
        return 0;
      case 'out-of-service':
      case 'in-service':
        if (!arg) throw new UsageError(`${verb} needs an extension`);
        await call(
          base,
          verb === 'in-service' ? 'DELETE' : 'POST',
          `/devices/${encodeURIComponent(arg)}/out-of-service`,
        );
        out(`phone ${arg} ${verb === 'in-service' ? 'back in service' : 'out of service'}\n`);
        return 0;
      case 'generator': {
        if (arg !== 'on' && arg !== 'off') throw new UsageError('generator on|off');
        const s = (await call(base, 'POST', '/generator', {
          enabled: arg === 'on',
          rate: num(p, 'rate'),
          handleTimeSec: num(p, 'handle-time'),
          seed: num(p, 'seed'),
          dnis: p.flags.get('dnis'),
        })) as StateView['generator'];
        out(`generator ${s.isRunning ? `on, ${s.rate} calls/min` : 'off'}\n`);
        return 0;
      }
      case 'logout':
        if (!arg) throw new UsageError('logout needs an agent id');
        await call(base, 'POST', `/agents/${encodeURIComponent(arg)}/logout`, {
          reasonCode: num(p, 'reason'),
        });
        out(`agent ${arg} logged out\n`);
        return 0;
      default:
        throw new UsageError(verb ? `unknown sim command ${verb}` : 'which sim command?');
    }
  } catch (e) {
    if (e instanceof UsageError) {
      out(`${e.message}\n\n${SIM_USAGE}`);
      return 2;
    }
    out(`switchboard sim: ${(e as Error).message}\n`);
    return 1;
  }
}
