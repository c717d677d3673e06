/**
 * Bundles the desktop (app/ and Strophe.js) with esbuild: one minified ES module and one
 * stylesheet, named by content hash so browsers may cache them forever, plus index.html
 * pointing at them. The result is kept in memory for serving (nothing is read from disk per
 * request, so nothing outside the build can be served) and also written to `outDir` for
 * inspection and for serving by a front proxy.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildGadgetAssets } from './gadget-assets.ts';

export interface BuiltFile {
  /** Path under `/desktop/`, e.g. `assets/main-4JH3K2.js` or `index.html`. */
  name: string;
  body: Buffer;
  /** Gzip-compressed body, when compressing pays off (compressed when first read). */
  readonly gzip: Buffer | undefined;
  contentType: string;
  etag: string;
  /** Content-hashed name: the body can never change under it. */
  immutable: boolean;
}

export interface DesktopBuild {
  files: Map<string, BuiltFile>;
  outDir: string;
  elapsedMs: number;
  /** Path of the gadget runtime under `/desktop/` (gadget-assets.ts). */
  gadgetRuntime: string;
}

export interface BuildOptions {
  /** Where the files are written; default `<os tmpdir>/switchboard-desktop`. */
  outDir?: string;
  /** Default true; false keeps the bundle readable when debugging. */
  minify?: boolean;
}

const APP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

/** Old hashed assets are kept this long, so pages loaded before a rebuild still get theirs. */
const STALE_ASSET_MS = 10 * 60_000;

function file(name: string, body: Buffer, immutable: boolean): BuiltFile {
  // Compressed when first served, not at every start: a node serves few of its ~30 files (the
  // vendored Bootstraps' variants and fonts are there for gadgets that may never ask), and
  // compressing them all at level 9 was most of a start's CPU.
  let gz: Buffer | undefined | null = null;
  return {
    name,
    body,
    get gzip() {
      if (gz === null) {
        const z = body.length > 1024 ? gzipSync(body, { level: 9 }) : undefined;
        gz = z && z.length < body.length ? z : undefined;
      }
      return gz;
    },
    contentType: TYPES[path.extname(name)] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    immutable,
  };
}

export async function buildDesktop(opts: BuildOptions = {}): Promise<DesktopBuild> {
  const started = performance.now();
  const outDir = path.resolve(opts.outDir ?? path.join(os.tmpdir(), 'switchboard-desktop'));
  const assetsDir = path.join(outDir, 'assets');
  const result = await build({
    entryPoints: { main: path.join(APP_DIR, 'main.ts'), styles: path.join(APP_DIR, 'styles.css') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    minify: opts.minify ?? true,
    sourcemap: 'linked',
    legalComments: 'eof',
    entryNames: '[name]-[hash]',
    outdir: assetsDir,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const files = new Map<string, BuiltFile>();
  let js = '';
  let css = '';
  for (const out of result.outputFiles) {
    const name = `assets/${path.basename(out.path)}`;
    files.set(name, file(name, Buffer.from(out.contents), true));
    if (name.endsWith('.js')) js = path.basename(out.path);
    if (name.endsWith('.css')) css = path.basename(out.path);
  }
  if (!js || !css) throw new Error('desktop build produced no script or stylesheet');
  const html = fs
    .readFileSync(path.join(APP_DIR, 'index.html'), 'utf8')
    .replace('{{js}}', js)
    .replace('{{css}}', css);
  files.set('index.html', file('index.html', Buffer.from(html), false));
  const gadgets = await buildGadgetAssets(opts.minify ?? true);
  for (const g of gadgets.files) files.set(g.name, file(g.name, g.body, g.immutable));
  writeOut(outDir, files);
  return {
    files,
    outDir,
    elapsedMs: Math.round(performance.now() - started),
    gadgetRuntime: gadgets.runtime,
  };
}

/**
 * Writes each file through a temporary name and a rename, so a concurrent build (parallel test
 * processes share the default folder) never leaves a half-written file behind.
 */
function writeOut(outDir: string, files: Map<string, BuiltFile>): void {
  fs.mkdirSync(path.join(outDir, 'assets'), { recursive: true });
  for (const f of files.values()) {
    const target = path.join(outDir, f.name);
    if (f.immutable && fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, f.body);
    fs.renameSync(tmp, target);
  }
  const now = Date.now();
  for (const name of fs.readdirSync(path.join(outDir, 'assets'))) {
    const p = path.join(outDir, 'assets', name);
    if (files.has(`assets/${name}`)) continue;
    try {
      // Folders (assets/js) hold fixed names, rewritten in place.
      if (fs.statSync(p).isDirectory()) continue;
      if (now - fs.statSync(p).mtimeMs > STALE_ASSET_MS) fs.rmSync(p, { force: true });
    } catch {
      // Another build removed it first.
    }
  }
}
