/**
 * Where gadget specs and message bundles come from: this node's `<data-dir>/3rdpartygadget/files/`
 * (Finesse's `/3rdpartygadget/files/` path, read from disk) or another web server by absolute URL,
 * through the makeRequest proxy's rules (this node, its peer, `--gadget-proxy-allow` hosts): the
 * server fetches it, and anything more would make the gadget page an open door into the network
 * behind this node.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { LOCAL_ORIGIN } from './render.ts';

export type Fetched =
  | { ok: true; status: number; body: string }
  | { ok: false; status: number; error: string };

export interface GadgetSource {
  /** `url` is absolute; this node's files have `LOCAL_ORIGIN`. */
  fetch(url: URL): Promise<Fetched>;
}

export interface GadgetSourceOptions {
  /** `<data-dir>/3rdpartygadget/files`. */
  filesDir: string;
  /**
   * Fetches an absolute URL on another host, or refuses to (the makeRequest proxy's allow-list
   * decides: src/gadgets). Default: every remote URL is refused.
   */
  remote?: (url: URL) => Promise<Fetched>;
  /** Default 1 MiB. */
  maxBytes?: number;
}

export const FILES_PREFIX = '/3rdpartygadget/files/';

export function createGadgetSource(opts: GadgetSourceOptions): GadgetSource {
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const root = path.resolve(opts.filesDir);

  async function local(url: URL): Promise<Fetched> {
    if (!url.pathname.startsWith(FILES_PREFIX))
      return {
        ok: false,
        status: 404,
        error: `only gadgets under ${FILES_PREFIX} are served from this node`,
      };
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname.slice(FILES_PREFIX.length));
    } catch {
      return { ok: false, status: 400, error: 'malformed path' };
    }
    const file = path.resolve(root, rel);
    if (rel.includes('\0') || !file.startsWith(root + path.sep))
      return { ok: false, status: 404, error: `${url.pathname} not found` };
    try {
      // A link inside the folder may not lead out of it.
      const real = await fs.realpath(file);
      if (!real.startsWith(`${await fs.realpath(root)}${path.sep}`))
        return { ok: false, status: 404, error: `${url.pathname} not found` };
      const st = await fs.stat(real);
      if (!st.isFile()) return { ok: false, status: 404, error: `${url.pathname} not found` };
      if (st.size > maxBytes)
        return { ok: false, status: 413, error: `${url.pathname} is larger than ${maxBytes} bytes` };
      return { ok: true, status: 200, body: await fs.readFile(real, 'utf8') };
    } catch {
      return { ok: false, status: 404, error: `${url.pathname} not found` };
    }
  }

  async function remote(url: URL): Promise<Fetched> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { ok: false, status: 400, error: `${url.protocol} URLs cannot be fetched` };
    if (!opts.remote)
      return { ok: false, status: 403, error: `${url.host}: this node fetches no gadgets from other hosts` };
    return opts.remote(url);
  }

  return { fetch: (url) => (url.origin === LOCAL_ORIGIN ? local(url) : remote(url)) };
}
