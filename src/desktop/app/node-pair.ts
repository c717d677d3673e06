/**
 * The two nodes of a Finesse pair as the desktop sees them: SystemInfo names a primary and a
 * secondary host; the desktop is on one of them and fails over to the other (finesse-api.md §4:
 * finesse.js `getAlternateHost()` compares `xmppDomain` with the two hosts).
 */
import type { SystemInfo } from './client/models.ts';

/** `host` or `host:port` from SystemInfo → an origin with the page's scheme (and port if none given). */
export function originForHost(host: string, pageOrigin: string): string {
  const page = new URL(pageOrigin);
  const port = host.includes(':') || !page.port ? '' : `:${page.port}`;
  return `${page.protocol}//${host}${port}`;
}

/** The other node's origin, or undefined on a single-node deployment (no secondary host). */
export function alternateOrigin(info: SystemInfo, currentOrigin: string): string | undefined {
  if (!info.secondaryHost) return undefined;
  const here = new URL(currentOrigin);
  // `host:port` when nodes share a host name (tests, one machine); else the host name alone.
  const isHere = (h: string) => (h.includes(':') ? h === here.host : h === here.hostname);
  const onSecondary = info.xmppDomain === info.secondaryHost || isHere(info.secondaryHost);
  const other = onSecondary ? info.primaryHost : info.secondaryHost;
  return other ? originForHost(other, currentOrigin) : undefined;
}

/** Does anything answer HTTP at `origin`? An opaque no-cors response says yes without CORS. */
export async function isReachable(origin: string): Promise<boolean> {
  try {
    await fetch(`${origin}/finesse/api/SystemInfo?nocache=${Date.now()}`, {
      mode: 'no-cors',
      cache: 'no-store',
      signal: AbortSignal.timeout(3000),
    });
    return true;
  } catch {
    return false;
  }
}
