/**
 * What one address may hold in TCP connections, on every listener of a node (HTTP and HTTPS, BOSH,
 * WebSocket, XMPP 5222/5223): the red team held 20,000 idle connections from one client until the
 * file descriptors ran out (#12). Node's HTTP timeouts never close a connection that sends nothing
 * at all, so the guard does:
 *
 * - a connection must deliver its first request (HTTP) within `firstRequestTimeoutMs`, or it is
 *   closed; on the XMPP listeners the session's pre-auth timeout does the same job;
 * - at most `maxFreshPerAddress` connections of one address may be waiting for their first
 *   request; over it, the oldest of them makes way for the newcomer. A desktop's connection sends
 *   its request within milliseconds, so it is never the oldest idle one, and a stranger behind the
 *   same NAT cannot keep it out;
 * - at most `maxPerAddress` connections in all (default 0, none: 2,000 desktops behind one proxy
 *   hold thousands of legitimate connections).
 *
 * Addresses count as in `limits.ts` (IPv4, or the IPv6 /64).
 */
import type net from 'node:net';
import type { Timers } from '../clock/index.ts';
import type { TextLog } from '../logs/index.ts';
import { addressOf } from './limits.ts';

export interface ConnectionLimitOptions {
  /** Connections from one address waiting for their first request (0: no limit). */
  maxFreshPerAddress: number;
  /** All connections from one address, every listener together (0: no limit). */
  maxPerAddress: number;
  /** A connection that has not delivered its first request after this long is closed (0: never). */
  firstRequestTimeoutMs: number;
}

interface Tracked {
  readonly socket: net.Socket;
  timer: unknown;
}

interface AddressState {
  all: number;
  /**
   * Connections waiting for their first request, oldest first, by `ip:port`: on a TLS listener the
   * request arrives on the TLS socket, not on the TCP socket that was accepted.
   */
  fresh: Map<string, Tracked>;
}

const keyOf = (s: net.Socket) => `${s.remoteAddress ?? 'unknown'}:${s.remotePort ?? 0}`;

export class ConnectionGuard {
  readonly #o: ConnectionLimitOptions;
  readonly #log: TextLog;
  readonly #timers: Timers;
  readonly #byAddress = new Map<string, AddressState>();

  constructor(o: ConnectionLimitOptions, log: TextLog, timers: Timers) {
    this.#o = o;
    this.#log = log;
    this.#timers = timers;
  }

  /** Connections open now from the address of `remoteAddress` (for tests and the docs' figures). */
  countOf(ip: string): number {
    return this.#byAddress.get(addressOf(`${ip}:0`))?.all ?? 0;
  }

  /**
   * Watches every connection `server` accepts on `listener` (its name in log lines). With
   * `isFreshUntilUsed` (HTTP), a connection counts as fresh until `used`; else it is in use at once.
   */
  attach(server: net.Server, listener: string, isFreshUntilUsed: boolean): void {
    server.on('connection', (socket: net.Socket) => this.admit(socket, listener, isFreshUntilUsed));
  }

  /** Counts `socket`, or destroys it when its address is over `maxPerAddress`; true if admitted. */
  admit(socket: net.Socket, listener: string, isFresh: boolean): boolean {
    const key = keyOf(socket);
    const address = addressOf(key);
    let state = this.#byAddress.get(address);
    if (!state) {
      state = { all: 0, fresh: new Map() };
      this.#byAddress.set(address, state);
    }
    const { maxPerAddress, maxFreshPerAddress, firstRequestTimeoutMs } = this.#o;
    if (maxPerAddress > 0 && state.all >= maxPerAddress) {
      this.#log.write(
        `Refusing ${listener} connection from ${address}: more than ${maxPerAddress} connections`,
      );
      if (state.all === 0) this.#byAddress.delete(address);
      socket.destroy();
      return false;
    }
    state.all++;
    socket.once('close', () => this.#closed(key, address));
    if (!isFresh) return true;
    const tracked: Tracked = { socket, timer: undefined };
    if (firstRequestTimeoutMs > 0) {
      tracked.timer = this.#timers.setTimeout(() => {
        tracked.timer = undefined;
        this.#log.write(
          `Closing ${listener} connection from ${address}: no request within ${firstRequestTimeoutMs / 1000} s`,
        );
        socket.destroy();
      }, firstRequestTimeoutMs);
    }
    state.fresh.set(key, tracked);
    if (maxFreshPerAddress > 0 && state.fresh.size > maxFreshPerAddress) {
      const [oldest] = state.fresh.values();
      this.#log.write(
        `Closing ${listener} connection from ${address}: more than ${maxFreshPerAddress} connections waiting for a first request; the oldest made way`,
      );
      this.#forgetFresh(state, keyOf(oldest.socket), oldest);
      oldest.socket.destroy();
    }
    return true;
  }

  /** The connection (TCP or the TLS socket over it) delivered a request or an upgrade: no longer fresh. */
  used(socket: net.Socket): void {
    const key = keyOf(socket);
    const state = this.#byAddress.get(addressOf(key));
    const tracked = state?.fresh.get(key);
    if (state && tracked) this.#forgetFresh(state, key, tracked);
  }

  #forgetFresh(state: AddressState, key: string, tracked: Tracked): void {
    if (tracked.timer !== undefined) this.#timers.clearTimeout(tracked.timer);
    tracked.timer = undefined;
    state.fresh.delete(key);
  }

  #closed(key: string, address: string): void {
    const state = this.#byAddress.get(address);
    if (!state) return;
    const tracked = state.fresh.get(key);
    if (tracked) this.#forgetFresh(state, key, tracked);
    if (--state.all <= 0) this.#byAddress.delete(address);
  }
}
