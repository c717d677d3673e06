/**
 * The nodes of a Finesse deployment as the desktop sees them: SystemInfo names a primary and a
 * secondary host (finesse-api.md §4: finesse.js `getAlternateHost()` compares `xmppDomain` with
 * the two hosts), and a Switchboard cluster every other live node too (`<nodes>`,
 * docs/cluster.md). The desktop is on one of them and may fail over to any other.
 */
import type { SystemInfo } from './client/models.ts';

/** `host` or `host:port` from SystemInfo → an origin with the page's scheme (and port if none given). */
export function originForHost(host: string, pageOrigin: string): string {
  const page = new URL(pageOrigin);
  const port = host.includes(':') || !page.port ? '' : `:${page.port}`;
  return `${page.protocol}//${host}${port}`;
}

/** The origins of every node but the one at `currentOrigin`, in SystemInfo's order; empty on a single node. */
export function otherOrigins(info: SystemInfo, currentOrigin: string): string[] {
  const here = new URL(currentOrigin);
  // `host:port` when nodes share a host name (tests, one machine); else the host name alone, or
  // the node's own XMPP domain (Finesse's FQDN of the node serving the request).
  const isHere = (h: string) =>
    h.includes(':') ? h === here.host : h === here.hostname || h === info.xmppDomain;
  const hosts = [info.primaryHost, info.secondaryHost, ...(info.nodes ?? [])].filter((h) => h && !isHere(h));
  const origins = hosts.map((h) => originForHost(h, currentOrigin)).filter((o) => o !== here.origin);
  return [...new Set(origins)];
}

/** Does anything answer HTTP at `origin`? An opaque no-cors response says yes without CORS. */
export async function isReachable(origin: string, timeoutMs = 3000): Promise<boolean> {
  try {
    await fetch(`${origin}/finesse/api/SystemInfo?nocache=${Date.now()}`, {
      mode: 'no-cors',
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return true;
  } catch {
    return false;
  }
}
