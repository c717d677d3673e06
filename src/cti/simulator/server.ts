import net from 'node:net';
import type { Timers } from '../client/index.ts';
import { CtiStatus } from '../protocol/index.ts';
import { Acd, type AcdAgentConfig, type AcdEvent, type AgentView } from './acd.ts';
import { handleRequest, openSession, type ServerContext } from './handlers.ts';
import { ServerSession } from './session.ts';
import { traceAgentEvent } from './trace.ts';
import { agentStateEventOf } from './wire.ts';

export interface CtiSimulatorOptions {
  /** Listen address. Default 127.0.0.1. */
  host?: string;
  /** Listen port; 0 lets the OS choose. Default 42027, a CTI server's usual side A. */
  port?: number;
  agents: readonly AcdAgentConfig[];
  /** The agent peripheral's id. Default 5000. */
  peripheralId?: number;
  timers?: Timers;
  /** One CTI server trace line at a time (the ctisvr log); nothing is printed otherwise. */
  trace?: (line: string) => void;
}

export interface CtiSimulator {
  readonly port: number;
  /** Read access to the ACD's agents. */
  readonly agents: { get(agentId: string): AgentView | undefined; list(): AgentView[] };
  /** FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE to every client (A.1), then closes. */
  stop(): Promise<void>;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};

/**
 * A CTI server for Switchboard to talk to when there is no Cisco one: serves several clients at
 * once, each event to every ALL_EVENTS client as a real CTI server does.
 */
export async function startCtiSimulator(options: CtiSimulatorOptions): Promise<CtiSimulator> {
  const timers = options.timers ?? realTimers;
  const trace = options.trace ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const peripheralId = options.peripheralId ?? 5000;
  const sessions = new Set<ServerSession>();
  let nextSessionId = 1;

  const ctx: ServerContext = {
    acd: new Acd({ agents: options.agents, peripheralId, now: timers.now }),
    peripheralId,
    timers,
    trace,
    broadcast(events: AcdEvent[]) {
      for (const event of events) {
        const msg = agentStateEventOf(event, timers.now());
        for (const line of traceAgentEvent(msg)) trace(line);
        for (const session of sessions) if (session.wantsAgentEvent(msg)) session.send(msg);
      }
    },
  };

  const server = net.createServer((socket) => {
    const session = new ServerSession(nextSessionId++, socket, {
      timers,
      trace,
      open: (s, req) => openSession(ctx, s, req),
      handle: (s, msg) => handleRequest(ctx, s, msg),
      closed: (s) => sessions.delete(s),
    });
    sessions.add(session);
    trace(`Trace: Session ${session.id} connection from ${session.remote}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 42027, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as net.AddressInfo;
  trace(`Trace: CTI server simulator listening on ${host}:${port} (peripheral ${peripheralId})`);

  return {
    port,
    agents: { get: (agentId) => ctx.acd.get(agentId), list: () => ctx.acd.list() },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of [...sessions]) {
        session.close('server stopping', {
          type: 'FAILURE_EVENT',
          status: CtiStatus.E_CTI_CTI_SERVER_OFFLINE,
        });
      }
      await closed;
    },
  };
}
