/**
 * The CTI layer under load: `node --import tsx bench/cti/cti.bench.ts [--codec-ms 2000]
 * [--seconds 10] [--rate 20] [--handle-ms 0]`.
 *
 * Part 1, the GED-188 codec alone, in this process: messages/s encoded (`serializeMessage`) and
 * decoded (a 64 KiB-chunked byte stream through `FrameReader`, then `parseMessage` of each frame)
 * for both floating-field widths, on the mix a CTI link carries per routed call: AGENT_STATE_EVENT,
 * CALL_DELIVERED_EVENT with ten call variables and three named (ECC) variables,
 * CALL_ESTABLISHED_EVENT and HEARTBEAT_REQ — the messages our simulator really sends.
 *
 * Part 2, calls through the simulator and the real system, two processes:
 *   - this one runs the CTI simulator (the six demo agents, no RONA, no wrap-up) and the six agent
 *     desktops, each Strophe.js over BOSH as the Finesse desktop, answering every call that rings
 *     (PUT Dialog ANSWER) and dropping it `--handle-ms` after it is ACTIVE (PUT Dialog DROP);
 *   - `--role server`: `startSwitchboard` (SQLite store, CTI client on a real TCP link to the
 *     simulator, core, notification service, REST API, its logs).
 * Latency is CTI event → notification at the BOSH subscriber: from the moment the simulator has
 * written the event to its socket (`onEventSent`) to the moment the desktop's Strophe handler has
 * the notification it caused — CALL_DELIVERED → Dialog POST, CALL_ESTABLISHED → PUT with the
 * agent ACTIVE, CALL_CONNECTION_CLEARED of the agent → PUT with it DROPPED. Both ends are in this
 * process: one clock. Two phases of `--seconds` each: `paced`, calls injected at `--rate` calls/s,
 * and `saturated`, a closed loop keeping one call per agent in the system (a new one injected as
 * each ends), which is the most calls/s the pair sustains with six agents.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualTimers } from '../../src/clock/testing/manual-timers.ts';
import {
  AgentState,
  type CodecOptions,
  codecForVersion,
  FrameReader,
  type Message,
  parseMessage,
  serializeMessage,
} from '../../src/cti/protocol/index.ts';
import { callEventMessageOf } from '../../src/cti/simulator/call-wire.ts';
import { Acd, type AcdEvent, startCtiSimulator } from '../../src/cti/simulator/index.ts';
import { agentStateEventOf } from '../../src/cti/simulator/wire.ts';
import { benchArgs, DEMO_AGENTS } from '../support.ts';

const args = benchArgs();
const opt = (name: string, dflt: number) => Number(args.get(name) ?? dflt);
const codecMs = opt('codec-ms', 2000);
const seconds = opt('seconds', 10);
const rate = opt('rate', 20);
const handleMs = opt('handle-ms', 0);
const client = args.get('client') ?? 'raw';
if (client !== 'raw' && client !== 'strophe') throw new Error('--client raw|strophe');
const SELF = new URL(import.meta.url).pathname;

// The demo agents (src/store/demo.ts) that the child's store knows: id → extension.
const DOMAIN = 'localhost';

const clock = () => performance.now();
const percentile = (sorted: number[], q: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(2));

// ---- Part 1: the codec ------------------------------------------------------------------------

/** One routed call's messages as the simulator sends them, from its own ACD on a fake clock. */
function realisticMix(): Message[] {
  const time = new ManualTimers(1_700_000_000_000);
  const events: AcdEvent[] = [];
  const acd = new Acd({
    peripheralId: 5000,
    timers: time,
    agents: [{ agentId: '2001', instrument: '2003' }],
    onEvents: (e) => events.push(...e),
  });
  const ok = (r: { ok: boolean; events?: AcdEvent[] }) => {
    if (!r.ok) throw new Error('the ACD refused a step of the codec mix');
    events.push(...(r.events ?? []));
  };
  const agentState = (agentState: number) =>
    ok(
      acd.setAgentState({
        peripheralId: 5000,
        agentId: '2001',
        agentState,
        eventReasonCode: 0,
        forcedFlag: 0,
      }),
    );
  agentState(AgentState.LOGIN);
  agentState(AgentState.AVAILABLE);
  const variables = Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [`callVariable${i + 1}`, `value-${i + 1}-${'x'.repeat(20)}`]),
  );
  const injected = acd.injectCall({
    dnis: '8000',
    ani: '4085551234',
    ...variables,
    namedVariables: [
      { name: 'user.customer.id', value: '0012345678' },
      { name: 'user.language', value: 'de-DE' },
      { name: 'user.segment', value: 'premium' },
    ],
  });
  ok(injected);
  ok(acd.answerCall({ callId: injected.ok ? (injected.call?.callId ?? 0) : 0, device: '2003' }));
  acd.stop();
  const messages = events.map((e) =>
    e.type === 'call'
      ? callEventMessageOf(e, 5000)
      : e.type === 'agentState'
        ? agentStateEventOf(e, 0)
        : undefined,
  );
  const pick = (type: string) => {
    const m = messages.find((x) => x?.type === type);
    if (!m) throw new Error(`no ${type} in the simulated call`);
    return m;
  };
  const delivered = pick('CALL_DELIVERED_EVENT');
  if (!('namedVariable' in delivered) || !('callVariable10' in delivered))
    throw new Error('CALL_DELIVERED_EVENT lacks its call variables');
  return [
    pick('AGENT_STATE_EVENT'),
    delivered,
    pick('CALL_ESTABLISHED_EVENT'),
    { type: 'HEARTBEAT_REQ', invokeId: 7 },
  ];
}

interface CodecRow {
  version: number;
  encodePerSecond: number;
  decodePerSecond: number;
  bytesPerMessage: number;
  errors: number;
}

function benchCodec(mix: Message[], version: number): CodecRow {
  const codec: CodecOptions = codecForVersion(version);
  // Encode: the mix in turn, for codecMs.
  let encoded = 0;
  let start = clock();
  while (clock() - start < codecMs) {
    for (let i = 0; i < 1000; i++) serializeMessage(mix[(encoded + i) % mix.length], codec);
    encoded += 1000;
  }
  const encodePerSecond = encoded / ((clock() - start) / 1000);
  // Decode: a byte stream of 4,000 frames cut in 64 KiB chunks, as a socket delivers it.
  const frames = Array.from({ length: 4000 }, (_, i) => serializeMessage(mix[i % mix.length], codec));
  const stream = Buffer.concat(frames);
  const chunks: Buffer[] = [];
  for (let o = 0; o < stream.length; o += 65_536) chunks.push(stream.subarray(o, o + 65_536));
  let decoded = 0;
  let errors = 0;
  start = clock();
  while (clock() - start < codecMs) {
    const reader = new FrameReader();
    for (const chunk of chunks) {
      const push = reader.push(chunk);
      if (push.error) errors++;
      for (const frame of push.frames) {
        const r = parseMessage(frame, codec);
        if (!r.ok || r.message.type === 'UNKNOWN') errors++;
        decoded++;
      }
    }
  }
  return {
    version,
    encodePerSecond,
    decodePerSecond: decoded / ((clock() - start) / 1000),
    bytesPerMessage: stream.length / frames.length,
    errors,
  };
}

// ---- Part 2: the system -----------------------------------------------------------------------

async function serve() {
  const { startSwitchboard } = await import('../../src/app/index.ts');
  const { loopbackConfig } = await import('../../test/support/system.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-cti-bench-'));
  const config = loopbackConfig(dir);
  config.xmppDomain = DOMAIN;
  config.cti.simulator = false;
  config.cti.sides = [{ host: '127.0.0.1', port: Number(args.get('cti-port')) }];
  const sb = await startSwitchboard(config);
  for (let i = 0; i < 100 && !sb.core.isInService(); i++) await new Promise((r) => setTimeout(r, 100));
  let cpu = process.cpuUsage();
  let wall = clock();
  process.stdout.write(`${JSON.stringify({ http: sb.ports.http, bosh: sb.ports.bosh })}\n`);
  const stop = async () => {
    await sb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  let input = '';
  process.stdin.on('data', (d) => {
    input += d;
    for (let nl = input.indexOf('\n'); nl >= 0; nl = input.indexOf('\n')) {
      const line = input.slice(0, nl);
      input = input.slice(nl + 1);
      if (line === 'cpu') {
        // CPU time since the last ask, over wall time: 100 % is one core.
        const used = process.cpuUsage(cpu);
        const percent = ((used.user + used.system) / 1000 / (clock() - wall)) * 100;
        cpu = process.cpuUsage();
        wall = clock();
        process.stdout.write(`${JSON.stringify({ cpu: percent })}\n`);
      } else if (line === 'stop') void stop();
    }
  });
  process.stdin.on('end', () => void stop());
}

type Kind = 'delivered' | 'established' | 'connectionCleared';
const KIND_LABEL: Record<Kind, string> = {
  delivered: 'CALL_DELIVERED → Dialog POST',
  established: 'CALL_ESTABLISHED → PUT ACTIVE',
  connectionCleared: 'CALL_CONNECTION_CLEARED → PUT DROPPED',
};

interface Phase {
  name: string;
  injected: number;
  completed: number;
  seconds: number;
  latencies: Record<Kind, number[]>;
  cpu: number;
  /** This process (simulator and desktops): if near 100 %, the load side limits the figures. */
  loadCpu: number;
}

async function conduct() {
  const mix = realisticMix();
  const codecRows = [17, 24].map((v) => benchCodec(mix, v));

  /** CTI event send times, by `callId:kind` (the agent's own connection only). */
  const sentAt = new Map<string, number>();
  const agentDevices = new Set(DEMO_AGENTS.map(([, ext]) => ext));
  const simulator = await startCtiSimulator({
    host: '127.0.0.1',
    port: 0,
    agents: DEMO_AGENTS.map(([agentId, instrument]) => ({ agentId, instrument })),
    ronaTimeoutSec: 0,
    wrapUpTimeSec: 0,
    onEventSent: (event) => {
      if (event.type !== 'call') return;
      if (event.kind !== 'delivered' && event.kind !== 'established' && event.kind !== 'connectionCleared')
        return;
      if (!agentDevices.has(event.device)) return;
      sentAt.set(`${event.call.id}:${event.kind}`, clock());
    },
  });

  const server = spawn(
    process.execPath,
    ['--import', 'tsx', SELF, '--role', 'server', '--cti-port', String(simulator.port)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  let wake = () => {};
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
      lines.push(out.slice(0, nl));
      out = out.slice(nl + 1);
      wake();
    }
  });
  const nextLine = async () => {
    while (lines.length === 0) await new Promise<void>((r) => (wake = r));
    return lines.shift() as string;
  };
  const ports = JSON.parse(await nextLine()) as { http: number; bosh: number };
  const base = `http://127.0.0.1:${ports.http}`;
  const rest = async (who: string, method: string, p: string, body: string) => {
    const res = await fetch(base + p, {
      method,
      body,
      headers: { Authorization: `Basic ${Buffer.from(`${who}:${who}`).toString('base64')}` },
    });
    await res.arrayBuffer();
    return res.status;
  };

  /** Which phase each call belongs to, and what is still to come for it. */
  const callPhase = new Map<string, Phase>();
  const phases: Phase[] = [];
  let current: Phase | undefined;
  let onCompleted = () => {};
  let failures = 0;
  const record = (id: string, kind: Kind) => {
    const sent = sentAt.get(`${id}:${kind}`);
    const phase = callPhase.get(id);
    if (sent === undefined || !phase) return;
    sentAt.delete(`${id}:${kind}`);
    phase.latencies[kind].push(clock() - sent);
  };

  /** What a desktop does with one notification: times it, answers, drops, counts the end. */
  const onNotification = (agentId: string, extension: string, states: Map<string, string>, text: string) => {
    if (!text.includes('<dialog') && !text.includes('<Dialog>')) return;
    const event = /<event>(\w+)<\/event>/.exec(text)?.[1];
    const id = /<id>(\d+)<\/id>/.exec(text)?.[1];
    if (!event || !id) return;
    const own = new RegExp(`<mediaAddress>${extension}</mediaAddress>.*?<state>(\\w+)</state>`, 's').exec(
      text,
    )?.[1];
    const act = (action: string) =>
      rest(
        agentId,
        'PUT',
        `/finesse/api/Dialog/${id}`,
        `<Dialog><targetMediaAddress>${extension}</targetMediaAddress><requestedAction>${action}</requestedAction></Dialog>`,
      ).then((status) => {
        if (status !== 202) failures++;
      });
    if (event === 'POST') {
      record(id, 'delivered');
      void act('ANSWER');
    } else if (event === 'PUT' && own === 'ACTIVE' && states.get(id) !== 'ACTIVE') {
      record(id, 'established');
      setTimeout(() => void act('DROP'), handleMs);
    } else if (event === 'PUT' && own === 'DROPPED' && states.get(id) !== 'DROPPED') {
      record(id, 'connectionCleared');
    } else if (event === 'DELETE') {
      states.delete(id);
      const phase = callPhase.get(id);
      if (phase) {
        phase.completed++;
        callPhase.delete(id);
        onCompleted();
      }
      return;
    }
    if (own) states.set(id, own);
  };

  const boshUrl = `http://127.0.0.1:${ports.bosh}/http-bind`;
  const stops: (() => Promise<unknown>)[] = [];
  for (const [agentId, extension] of DEMO_AGENTS) {
    const states = new Map<string, string>();
    /** Resolves once a User notification with `state` arrived. */
    let userState: (text: string) => void = () => {};
    const handle = (text: string) => {
      if (text.includes(`<source>/finesse/api/User/${agentId}</source>`)) userState(text);
      else onNotification(agentId, extension, states, text);
    };
    if (client === 'strophe') {
      const { signOnStrophe } = await import('../../test/support/strophe.ts');
      const session = await signOnStrophe(boshUrl, `${agentId}@${DOMAIN}/desktop`, agentId);
      session.conn.addHandler(
        (msg: Element) => {
          for (const n of Array.from(msg.getElementsByTagName('notification'))) handle(n.textContent ?? '');
          return true;
        },
        'http://jabber.org/protocol/pubsub#event',
        'message',
      );
      stops.push(() => session.disconnect());
    } else {
      const { RawBosh } = await import('../../src/notify/testing/bosh-client.ts');
      const bosh = new RawBosh(boshUrl);
      await bosh.login(agentId);
      let isRunning = true;
      // One request held at all times: the next one goes out as soon as a response is read.
      void (async () => {
        while (isRunning) {
          const r = await bosh.send('').catch(() => undefined);
          if (!r?.body) {
            if (isRunning) failures++;
            break;
          }
          for (const m of r.body.getChildren('message')) {
            for (const item of m.getChild('event')?.getChild('items')?.getChildren('item') ?? [])
              handle(item.getChild('notification')?.text() ?? '');
          }
          if (r.body.attr('type') === 'terminate') break;
        }
      })();
      stops.push(async () => {
        isRunning = false;
        await bosh.send('', { type: 'terminate' }).catch(() => {});
      });
    }
    const reached = (state: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${agentId} never reached ${state}`)), 10_000);
        userState = (text) => {
          if (!text.includes(`<state>${state}</state>`)) return;
          clearTimeout(timer);
          userState = () => {};
          resolve();
        };
      });
    const login = `<User><state>LOGIN</state><extension>${extension}</extension></User>`;
    let next = reached('NOT_READY');
    if ((await rest(agentId, 'PUT', `/finesse/api/User/${agentId}`, login)) !== 202)
      throw new Error(`LOGIN of ${agentId} refused`);
    await next;
    next = reached('READY');
    if (
      (await rest(agentId, 'PUT', `/finesse/api/User/${agentId}`, '<User><state>READY</state></User>')) !==
      202
    )
      throw new Error(`READY of ${agentId} refused`);
    await next;
  }

  let caller = 0;
  const inject = (phase: Phase) => {
    const r = simulator.injectCall({
      dnis: '8000',
      ani: String(4085550000 + (caller++ % 10_000)),
      callVariable1: `acct=${caller}`,
      callVariable2: 'segment=retail',
      namedVariables: [{ name: 'user.language', value: 'de-DE' }],
    });
    if (!r.ok || !r.call) {
      failures++;
      return;
    }
    callPhase.set(String(r.call.callId), phase);
    phase.injected++;
  };
  const cpu = async () => {
    server.stdin.write('cpu\n');
    return (JSON.parse(await nextLine()) as { cpu: number }).cpu;
  };
  /** Waits until every call of the phase has ended (DELETE seen), or 30 s. */
  const drained = (phase: Phase) =>
    new Promise<void>((resolve) => {
      const deadline = setTimeout(resolve, 30_000);
      const check = () => {
        if (phase.completed >= phase.injected) {
          clearTimeout(deadline);
          onCompleted = () => {};
          resolve();
        }
      };
      const previous = onCompleted;
      onCompleted = () => {
        previous();
        check();
      };
      check();
    });
  const newPhase = (name: string): Phase => {
    const phase: Phase = {
      name,
      injected: 0,
      completed: 0,
      seconds: 0,
      latencies: { delivered: [], established: [], connectionCleared: [] },
      cpu: 0,
      loadCpu: 0,
    };
    phases.push(phase);
    current = phase;
    return phase;
  };

  // Paced: --rate calls/s for --seconds.
  {
    const phase = newPhase('paced');
    await cpu();
    const ownCpu = process.cpuUsage();
    const start = clock();
    const total = Math.max(1, Math.round(rate * seconds));
    for (let k = 0; k < total; k++) {
      const due = start + (k / rate) * 1000;
      if (due > clock()) await new Promise((r) => setTimeout(r, due - clock()));
      inject(phase);
    }
    await drained(phase);
    phase.seconds = (clock() - start) / 1000;
    const used = process.cpuUsage(ownCpu);
    phase.loadCpu = ((used.user + used.system) / 1000 / (clock() - start)) * 100;
    phase.cpu = await cpu();
  }
  // Saturated: one call per agent in the system at all times, for --seconds.
  {
    const phase = newPhase('saturated');
    await cpu();
    const ownCpu = process.cpuUsage();
    const start = clock();
    const end = start + seconds * 1000;
    onCompleted = () => {
      if (clock() < end && current === phase) inject(phase);
    };
    for (let i = 0; i < DEMO_AGENTS.length; i++) inject(phase);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    onCompleted = () => {};
    await drained(phase);
    phase.seconds = (clock() - start) / 1000;
    const used = process.cpuUsage(ownCpu);
    phase.loadCpu = ((used.user + used.system) / 1000 / (clock() - start)) * 100;
    phase.cpu = await cpu();
  }

  const table = [
    `CTI codec: one routed call's mix (AGENT_STATE_EVENT, CALL_DELIVERED_EVENT with 10 call variables and 3 named variables, CALL_ESTABLISHED_EVENT, HEARTBEAT_REQ), ${codecMs} ms per figure; Node ${process.version}, ${os.cpus().length} CPUs`,
    '',
    '| codec | encode msgs/s | decode msgs/s | bytes/msg | decode errors |',
    '|---|---|---|---|---|',
    ...codecRows.map(
      (r) =>
        `| v${r.version} (${r.version >= 24 ? '2-byte' : '1-byte'} tags) | ${r.encodePerSecond.toFixed(0)} | ${r.decodePerSecond.toFixed(0)} | ${r.bytesPerMessage.toFixed(1)} | ${r.errors} |`,
    ),
    '',
    `Calls: CTI simulator (this process) → real TCP CTI link → Switchboard (child process) → BOSH → ${DEMO_AGENTS.length} ${client === 'raw' ? 'raw BOSH long-poll' : 'Strophe.js'} desktops (this process) answering at once, dropping after ${handleMs} ms; latency CTI event sent → notification at the BOSH subscriber`,
    '',
    '| phase | calls | completed | calls/s | p50 ms | p99 ms | max ms | server CPU % | load CPU % |',
    '|---|---|---|---|---|---|---|---|---|',
    ...phases.map((p) => {
      const all = [
        ...p.latencies.delivered,
        ...p.latencies.established,
        ...p.latencies.connectionCleared,
      ].sort((a, b) => a - b);
      return `| ${p.name} | ${p.injected} | ${p.completed}/${p.injected} | ${(p.completed / p.seconds).toFixed(1)} | ${ms(percentile(all, 0.5))} | ${ms(percentile(all, 0.99))} | ${ms(all.at(-1) ?? Number.NaN)} | ${p.cpu.toFixed(0)} | ${p.loadCpu.toFixed(0)} |`;
    }),
    '',
    '| phase | event → notification | timed | p50 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|',
    ...phases.flatMap((p) =>
      (Object.keys(KIND_LABEL) as Kind[]).map((k) => {
        const sorted = [...p.latencies[k]].sort((a, b) => a - b);
        return `| ${p.name} | ${KIND_LABEL[k]} | ${sorted.length} | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.99))} | ${ms(sorted.at(-1) ?? Number.NaN)} |`;
      }),
    ),
  ];
  console.log(table.join('\n'));
  if (failures > 0) console.error(`${failures} REST requests or call injections failed`);

  for (const stop of stops) await stop().catch(() => {});
  server.stdin.write('stop\n');
  await new Promise((r) => server.once('exit', r));
  await simulator.stop();
  const lost =
    phases.some((p) => p.completed < p.injected) || codecRows.some((r) => r.errors > 0) || failures > 0;
  process.exit(lost ? 1 : 0);
}

if (args.get('role') === 'server') await serve();
else await conduct();
