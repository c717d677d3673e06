/**
 * The CTI side of the end-to-end tests: a simulator with the demo agents on a port of its own (so
 * that a test can place calls and cut links), and a TCP proxy in front of it that a test cuts to
 * take the CTI link down and restores to bring it back.
 */
import net from 'node:net';
import { type CtiSimulator, type CtiSimulatorOptions, startCtiSimulator } from '../../src/cti/index.ts';
import { DEMO } from '../../src/store/index.ts';

/** The demo agents on their extensions, loopback, an OS-chosen port, no RONA unless asked. */
export function startDemoSimulator(options: Partial<CtiSimulatorOptions> = {}): Promise<CtiSimulator> {
  return startCtiSimulator({
    host: '127.0.0.1',
    port: 0,
    agents: DEMO.agents.map((a) => ({ agentId: a.id, instrument: a.extension })),
    ronaTimeoutSec: 0,
    ...options,
  });
}

export interface CuttableProxy {
  port: number;
  /** Drops every connection and refuses new ones, as a dead link does. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(targetPort: number): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>();
  let isCut = false;
  const server = net.createServer((client) => {
    if (isCut) return client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      isCut = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      isCut = false;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
