import fs from 'node:fs';
import path from 'node:path';

/**
 * `<data-dir>/3rdpartygadget/files/`: where third-party gadgets live (spec/gadgets.md §A.2, the
 * `3rdpartygadget` account's `/files`), shared by the static handler, the admin upload endpoint
 * and `switchboard gadget add|list|remove`. Every path given is relative to the root and checked:
 * no `..`, no absolute path, no NUL or backslash, and nothing reached through a symbolic link
 * that leads out of the root.
 */
export const GADGET_FILE_LIMITS = {
  /** One file (a gadget's spec, script, style or image). */
  fileBytes: 20 * 1024 * 1024,
};

export interface GadgetFile {
  /** Relative to the root, with `/`. */
  path: string;
  size: number;
  mtimeMs: number;
}

export type FileResult<T = void> = { ok: true; value: T } | { ok: false; status: number; message: string };

const refuse = (status: number, message: string) => ({ ok: false as const, status, message });

export const gadgetFilesRoot = (dataDir: string) => path.join(dataDir, '3rdpartygadget', 'files');

/** A relative path's segments, or undefined when it could leave the root. */
export function safeSegments(rel: string): string[] | undefined {
  if (rel.includes('\0') || rel.includes('\\')) return undefined;
  const segments = rel.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.length > 255)) return undefined;
  return segments;
}

export class GadgetFileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  /**
   * The absolute path of `rel` if it stays inside the root once symbolic links are followed;
   * `mustExist` false for a file about to be written (its parent is checked instead).
   */
  resolve(rel: string, mustExist = true): string | undefined {
    const segments = safeSegments(rel);
    if (!segments) return undefined;
    const full = path.join(this.root, ...segments);
    let realRoot: string;
    try {
      realRoot = fs.realpathSync(this.root);
    } catch {
      return mustExist ? undefined : full;
    }
    let probe = full;
    // The nearest existing ancestor (the file itself when it exists) must resolve inside the root.
    for (;;) {
      try {
        const real = fs.realpathSync(probe);
        const inside = real === realRoot || real.startsWith(realRoot + path.sep);
        if (!inside || (mustExist && probe !== full)) return undefined;
        return full;
      } catch {
        if (probe === this.root || probe === path.dirname(probe)) return mustExist ? undefined : full;
        probe = path.dirname(probe);
      }
    }
  }

  write(rel: string, bytes: Uint8Array): FileResult<GadgetFile> {
    const segments = safeSegments(rel);
    if (!segments || segments.length === 0) return refuse(400, `not a file path: ${rel}`);
    if (bytes.length > GADGET_FILE_LIMITS.fileBytes)
      return refuse(413, `a file is limited to ${GADGET_FILE_LIMITS.fileBytes} bytes`);
    const full = this.resolve(segments.join('/'), false);
    if (!full) return refuse(400, `${rel} leads out of the gadget folder`);
    try {
      if (fs.existsSync(full) && fs.lstatSync(full).isDirectory()) return refuse(409, `${rel} is a folder`);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      // Written beside and renamed: a gadget being loaded never reads half a file.
      const temp = `${full}.upload-${process.pid}-${Date.now()}`;
      fs.writeFileSync(temp, bytes, { mode: 0o644 });
      fs.renameSync(temp, full);
      const st = fs.statSync(full);
      return { ok: true, value: { path: segments.join('/'), size: st.size, mtimeMs: st.mtimeMs } };
    } catch (e) {
      return refuse(500, (e as Error).message);
    }
  }

  /** Copies a folder of the local disk in as `name` (`switchboard gadget add`); symbolic links are not followed. */
  addDirectory(source: string, name: string): FileResult<GadgetFile[]> {
    const segments = safeSegments(name);
    if (segments?.length !== 1) return refuse(400, `--name must be one folder name, not ${name}`);
    if (!fs.existsSync(source) || !fs.statSync(source).isDirectory())
      return refuse(400, `${source} is not a folder`);
    const folder = segments[0];
    const written: GadgetFile[] = [];
    const walk = (dir: string, rel: string[]): FileResult | undefined => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          const r = walk(p, [...rel, entry.name]);
          if (r) return r;
        } else if (entry.isFile()) {
          const r = this.write([folder, ...rel, entry.name].join('/'), fs.readFileSync(p));
          if (!r.ok) return r;
          written.push(r.value);
        }
      }
      return undefined;
    };
    const failed = walk(source, []);
    return failed && !failed.ok ? failed : { ok: true, value: written };
  }

  list(): GadgetFile[] {
    const out: GadgetFile[] = [];
    const walk = (dir: string, rel: string[]) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, [...rel, e.name]);
        else if (e.isFile()) {
          const st = fs.statSync(p);
          out.push({ path: [...rel, e.name].join('/'), size: st.size, mtimeMs: st.mtimeMs });
        }
      }
    };
    walk(this.root, []);
    return out;
  }

  /** Removes a file or a whole folder. */
  remove(rel: string): FileResult {
    const segments = safeSegments(rel);
    if (!segments || segments.length === 0) return refuse(400, `not a path inside the gadget folder: ${rel}`);
    const full = path.join(this.root, ...segments);
    // lstat, not resolve: a link inside the root is removed itself, never what it points to.
    const parent = this.resolve(segments.slice(0, -1).join('/'));
    if (!parent || !fs.existsSync(full)) return refuse(404, `no ${rel}`);
    fs.rmSync(full, { recursive: true, force: true });
    return { ok: true, value: undefined };
  }
}
