/**
 * How many sessions one address and one account may hold. Per address, two figures: streams that
 * have not bound a resource yet (what a flood of connections from one host is made of; each lives
 * at most the pre-auth timeout) and all streams. The second is off by default because a contact
 * center's desktops often reach the server through one proxy or NAT address — 2,000 agents behind
 * one address are normal there, 2,000 half-open connections are not. Per account, bound resources
 * (a desktop is one; a few tabs or a softphone client add some); system accounts are exempt.
 */

export interface SessionLimitOptions {
  /** Streams without a bound resource from one address (0: no limit). */
  maxUnboundPerAddress: number;
  /** All streams from one address (0: no limit). */
  maxPerAddress: number;
  /** Bound resources of one account (0: no limit). */
  maxResourcesPerUser: number;
}

interface Counts {
  all: number;
  unbound: number;
}

/** The address part of `ip:port` (IPv6 included: the port follows the last colon). */
export function addressOf(remoteAddress: string): string {
  const colon = remoteAddress.lastIndexOf(':');
  return colon < 0 ? remoteAddress : remoteAddress.slice(0, colon);
}

export class SessionLimits {
  readonly #o: SessionLimitOptions;
  readonly #byAddress = new Map<string, Counts>();

  constructor(o: SessionLimitOptions) {
    this.#o = o;
  }

  /** A stream from `address` began; it counts as unbound until `bound`. */
  opened(address: string): void {
    const c = this.#byAddress.get(address) ?? { all: 0, unbound: 0 };
    c.all++;
    c.unbound++;
    this.#byAddress.set(address, c);
  }

  bound(address: string): void {
    const c = this.#byAddress.get(address);
    if (c) c.unbound--;
  }

  closed(address: string, wasBound: boolean): void {
    const c = this.#byAddress.get(address);
    if (!c) return;
    c.all--;
    if (!wasBound) c.unbound--;
    if (c.all <= 0) this.#byAddress.delete(address);
  }

  /** Why a stream from `address` (already counted by `opened`) must be refused, or undefined. */
  refuseAddress(address: string): string | undefined {
    const c = this.#byAddress.get(address);
    if (!c) return undefined;
    const { maxUnboundPerAddress: unbound, maxPerAddress: all } = this.#o;
    if (unbound > 0 && c.unbound > unbound)
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
}
