/**
 * How many sessions one address and one account may hold. A contact center's desktops often reach
 * the server through one proxy or NAT address: 2,000 agents behind one address are normal there,
 * 2,000 half-open connections are not — and a stranger behind that address must never keep a
 * signed-in desktop out (#12). So the limits tell strangers from users:
 *
 * - streams that have not signed in yet (SASL) are strangers, counted per address. Over the limit,
 *   the oldest idle stranger of that address makes way for the newcomer, so a flood from behind a
 *   NAT churns its own streams and a desktop's sign-in, which takes a round trip or two, goes
 *   through; only when every stranger is busy authenticating is the newcomer refused;
 * - a stream that signed in but has not bound a resource yet counts against its account (at most
 *   `maxResourcesPerUser` such at once; the oldest makes way), never against its address;
 * - all streams of one address: off by default (the NAT above);
 * - bound resources of one account (a desktop is one; a few tabs or a softphone add some); system
 *   accounts are exempt.
 *
 * Unbound streams also end after the pre-auth timeout (session.ts), so a stranger holds a slot for
 * seconds at most.
 */

export interface SessionLimitOptions {
  /** Streams from one address that have not signed in yet (0: no limit). */
  maxUnboundPerAddress: number;
  /** All streams from one address (0: no limit). */
  maxPerAddress: number;
  /** Bound resources of one account, and signed-in streams not yet bound (0: no limit). */
  maxResourcesPerUser: number;
}

/** A stream as the limits see it: what may be ended to make room. */
export interface LimitedStream {
  /** An authenticate call is in progress: not an idle stranger. */
  readonly isAuthenticating: boolean;
  /** Ends the stream to make room for a newer one (policy-violation, with `why`). */
  evict(why: string): void;
}

interface AddressCounts {
  all: number;
  /** Streams not signed in yet, oldest first. */
  strangers: Set<LimitedStream>;
}

/**
 * The address a limit counts by, from `ip:port` (the port follows the last colon): an IPv4 address,
 * or an IPv6 /64 — one host's share of a network, which it may fill with addresses of its own.
 */
export function addressOf(remoteAddress: string): string {
  const colon = remoteAddress.lastIndexOf(':');
  let ip = colon < 0 ? remoteAddress : remoteAddress.slice(0, colon);
  // Called per HTTP request (connection-guard.ts): IPv4 and IPv4-mapped addresses leave at once.
  if (!ip.includes(':') || (ip.startsWith('::ffff:') && ip.includes('.')) || ip === '::1') return ip;
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? h : [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class SessionLimits {
  readonly #o: SessionLimitOptions;
  readonly #byAddress = new Map<string, AddressCounts>();
  /** Signed-in streams without a bound resource yet, per account, oldest first. */
  readonly #pending = new Map<string, Set<LimitedStream>>();

  constructor(o: SessionLimitOptions) {
    this.#o = o;
  }

  /**
   * A stream from `address` began, a stranger until `authenticated`. Over the stranger limit, the
   * oldest idle stranger of that address is evicted; `refuseAddress` then says whether the
   * newcomer must go all the same.
   */
  opened(address: string, stream: LimitedStream): void {
    let c = this.#byAddress.get(address);
    if (!c) {
      c = { all: 0, strangers: new Set() };
      this.#byAddress.set(address, c);
    }
    c.all++;
    c.strangers.add(stream);
    const max = this.#o.maxUnboundPerAddress;
    if (max > 0 && c.strangers.size > max) {
      const victim = oldestIdle(c.strangers, stream);
      victim?.evict(
        `more than ${max} connections not signed in from ${address}; the oldest idle one made way`,
      );
    }
  }

  /**
   * The stream signed in as `account` (undefined: a system account, exempt). It leaves its
   * address's strangers; past the account's limit of streams awaiting a bind, its oldest goes.
   */
  authenticated(address: string, stream: LimitedStream, account: string | undefined): void {
    this.#byAddress.get(address)?.strangers.delete(stream);
    if (account === undefined) return;
    let set = this.#pending.get(account);
    if (!set) {
      set = new Set();
      this.#pending.set(account, set);
    }
    set.add(stream);
    const max = this.#o.maxResourcesPerUser;
    if (max > 0 && set.size > max) {
      const victim = oldestIdle(set, stream);
      victim?.evict(`more than ${max} sign-ins of ${account} without a bound resource; the oldest made way`);
    }
  }

  bound(stream: LimitedStream, account: string | undefined): void {
    if (account !== undefined) this.#forgetPending(account, stream);
  }

  closed(address: string, stream: LimitedStream, account: string | undefined): void {
    if (account !== undefined) this.#forgetPending(account, stream);
    const c = this.#byAddress.get(address);
    if (!c) return;
    c.all--;
    c.strangers.delete(stream);
    if (c.all <= 0) this.#byAddress.delete(address);
  }

  /** Why a stream from `address` (already counted by `opened`) must be refused, or undefined. */
  refuseAddress(address: string): string | undefined {
    const c = this.#byAddress.get(address);
    if (!c) return undefined;
    const { maxUnboundPerAddress: unbound, maxPerAddress: all } = this.#o;
    if (unbound > 0 && c.strangers.size > unbound)
      return `more than ${unbound} connections without a bound resource from ${address}`;
    if (all > 0 && c.all > all) return `more than ${all} sessions from ${address}`;
    return undefined;
  }

  /** Whether an account that has `resources` bound may bind one more. */
  mayBindAnother(resources: number): boolean {
    return this.#o.maxResourcesPerUser <= 0 || resources < this.#o.maxResourcesPerUser;
  }

  get maxResourcesPerUser(): number {
    return this.#o.maxResourcesPerUser;
  }

  #forgetPending(account: string, stream: LimitedStream): void {
    const set = this.#pending.get(account);
    set?.delete(stream);
    if (set?.size === 0) this.#pending.delete(account);
  }
}

/** The oldest stream of `set` that is neither `except` nor busy authenticating. */
function oldestIdle(set: Set<LimitedStream>, except: LimitedStream): LimitedStream | undefined {
  for (const s of set) if (s !== except && !s.isAuthenticating) return s;
  return undefined;
}
