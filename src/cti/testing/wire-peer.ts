import net from 'node:net';
import { ManualTimers } from '../../clock/testing/manual-timers.ts';
import { type CtiClient, type CtiClientOptions, createCtiClient } from '../client/index.ts';
import {
  type CallEvent,
  CallMsgMask,
  type CodecOptions,
  FrameReader,
  type Message,
  maskOf,
  type OpenReq,
  parseMessage,
  serializeMessage,
} from '../protocol/index.ts';

/**
 * The far end of a GED-188 connection, scripted by a test: a fake CTI server for client tests, or a
 * raw client for simulator tests. It uses our codec (it is a peer, not a byte fixture).
 */
export class WirePeer {
  readonly socket: net.Socket;
  readonly received: Message[] = [];
  readonly closed: Promise<void>;
  codec: CodecOptions;
  readonly #reader = new FrameReader();
  #waiters: (() => void)[] = [];
  #isClosed = false;

  constructor(socket: net.Socket, codec: CodecOptions = { tagWidth: 2, version: 24 }) {
    this.socket = socket;
    this.codec = codec;
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('close', () => {
      this.#isClosed = true;
      this.#wake();
    });
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.#reader.push(chunk).frames) {
        const result = parseMessage(frame, this.codec);
        if (result.ok) this.received.push(result.message);
      }
      this.#wake();
    });
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  send(...messages: Message[]): void {
    this.socket.write(Buffer.concat(messages.map((m) => serializeMessage(m, this.codec))));
  }

  /** Resolves with (and removes) the first message received that matches, waiting up to `ms`. */
  async next<T extends Message['type']>(type: T, ms = 2000): Promise<Extract<Message, { type: T }>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.received.findIndex((m) => m.type === type);
      if (index >= 0) return this.received.splice(index, 1)[0] as Extract<Message, { type: T }>;
      if (this.#isClosed) throw new Error(`connection closed while waiting for ${type}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} within ${ms} ms (got ${this.received.map((m) => m.type)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

export function connectPeer(port: number, codec?: CodecOptions): Promise<WirePeer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(new WirePeer(socket, codec)));
    socket.once('error', reject);
  });
}

/**
 * A raw client's OPEN_REQ (version 24, CLIENT_CONTROL | ALL_EVENTS | CALL_DATA_UPDATE, every call
 * and agent event, no idle timeout, no ClientPassword), for simulator tests to open a session
 * with, or to vary one field of.
 */
export function rawOpenReq(overrides: Partial<OpenReq> = {}): OpenReq {
  return {
    type: 'OPEN_REQ',
    invokeId: 1,
    versionNumber: 24,
    idleTimeout: 0xffffffff,
    peripheralId: 0xffffffff,
    servicesRequested: 0x16,
    callMsgMask: maskOf(CallMsgMask),
    agentStateMask: 0x3fff,
    configMsgMask: 0,
    reserved1: 0,
    reserved2: 0,
    reserved3: 0,
    clientId: 'raw-test',
    clientPassword: Buffer.alloc(0),
    ...overrides,
  };
}

export interface ScriptedServer {
  port: number;
  /** The next connection accepted (or already accepted and not yet taken). */
  nextConnection(ms?: number): Promise<WirePeer>;
  stop(): Promise<void>;
}

/** A listener on 127.0.0.1, port 0, whose connections the test drives by hand. */
export async function startScriptedServer(codec?: CodecOptions): Promise<ScriptedServer> {
  const accepted: WirePeer[] = [];
  const all: WirePeer[] = [];
  let wake: (() => void) | undefined;
  const server = net.createServer((socket) => {
    const peer = new WirePeer(socket, codec);
    accepted.push(peer);
    all.push(peer);
    wake?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    async nextConnection(ms = 2000) {
      const deadline = Date.now() + ms;
      while (accepted.length === 0) {
        if (Date.now() > deadline) throw new Error(`no connection within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return accepted.shift()!;
    },
    async stop() {
      for (const peer of all) peer.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls until `check` holds (real time, short): for effects that cross a socket. */
export async function eventually(check: () => boolean, ms = 2000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The OPEN_CONF a scripted server answers an OPEN_REQ with. */
export function openConfFor(invokeId: number): Message {
  return {
    type: 'OPEN_CONF',
    invokeId,
    servicesGranted: 0x16,
    monitorId: 0,
    pgStatus: 0,
    icmCentralControllerTime: 0,
    peripheralOnline: true,
    peripheralType: 17,
    agentState: 1,
    departmentId: 0,
    sessionType: 1,
  };
}

/**
 * A CTI client as the tests make one, not yet started: our identity, peripheral 5000, a fake
 * clock (`clock`, or a new one) and no reconnect jitter unless `options` say otherwise.
 * `cleanups` gets its stop, the CLOSE_CONF wait run on the fake clock (a peer may never answer).
 */
export function testClient(
  cleanups: { push(cleanup: () => Promise<void>): unknown },
  sides: { host: string; port: number }[],
  options: Partial<CtiClientOptions> = {},
  clock = new ManualTimers(1_700_000_000_000),
): { client: CtiClient; clock: ManualTimers } {
  const client = createCtiClient({
    sides,
    clientId: 'sb',
    clientPassword: '',
    peripheralId: 5000,
    timers: clock,
    random: () => 0.5, // no jitter: reconnect delays are exactly 250, 500, 1000 … ms
    ...options,
  });
  cleanups.push(async () => {
    const stopping = client.stop();
    clock.advance(10_000);
    await stopping;
  });
  return { client, clock };
}

/**
 * A CTI client linked to a scripted server that answered its OPEN_REQ, with the call events it
 * reported; `cleanups` gets what stops both.
 */
export async function linkedClient(
  cleanups: (() => Promise<void>)[],
): Promise<{ client: CtiClient; peer: WirePeer; events: CallEvent[]; clock: ManualTimers }> {
  const server = await startScriptedServer();
  cleanups.push(() => server.stop());
  const { client, clock } = testClient(
    cleanups,
    [{ host: '127.0.0.1', port: server.port }],
    {},
    new ManualTimers(),
  );
  const events: CallEvent[] = [];
  client.on('callEvent', (e) => events.push(e));
  client.start();
  const peer = await server.nextConnection();
  peer.send(openConfFor((await peer.next('OPEN_REQ')).invokeId));
  await eventually(() => client.isUp);
  return { client, peer, events, clock };
}
