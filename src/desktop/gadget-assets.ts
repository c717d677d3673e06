/**
 * What gadgets load from the desktop (gadgets.md §A.1, "root-relative server resources"): our
 * finesse.js at Finesse's path, jQuery and Bootstrap from npm at the paths the samples use, the
 * MessageDisplay helper, and the gadget runtime that every gadget document loads first. Built with
 * the desktop (build.ts) and served from memory like it.
 *
 * Bootstrap: the samples name 3.2.0 and 5.3.1; npm's 3.4.1 (3.2.0's fixes for CVE-2018-14040/
 * 14041/14042 and CVE-2019-8331, same API) and the newest 5.3 are served under those paths.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface AssetFile {
  name: string;
  body: Buffer;
  /** Content-hashed name (the runtime): cacheable forever. Fixed names are revalidated. */
  immutable: boolean;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** npm package → its files served under `to`. */
const VENDOR: readonly { pkg: string; to: string; files: readonly string[] }[] = [
  { pkg: 'jquery', to: 'assets/js', files: ['dist/jquery.min.js'] },
  {
    pkg: 'bootstrap3',
    to: 'thirdparty/bootstrap/3.2.0',
    files: [
      'dist/css/bootstrap.css',
      'dist/css/bootstrap.min.css',
      'dist/css/bootstrap-theme.css',
      'dist/css/bootstrap-theme.min.css',
      'dist/js/bootstrap.js',
      'dist/js/bootstrap.min.js',
      'dist/fonts/glyphicons-halflings-regular.eot',
      'dist/fonts/glyphicons-halflings-regular.svg',
      'dist/fonts/glyphicons-halflings-regular.ttf',
      'dist/fonts/glyphicons-halflings-regular.woff',
      'dist/fonts/glyphicons-halflings-regular.woff2',
    ],
  },
  {
    pkg: 'bootstrap',
    to: 'thirdparty/bootstrap/5.3.1',
    files: [
      'dist/css/bootstrap.css',
      'dist/css/bootstrap.min.css',
      'dist/js/bootstrap.js',
      'dist/js/bootstrap.min.js',
      'dist/js/bootstrap.bundle.js',
      'dist/js/bootstrap.bundle.min.js',
    ],
  },
];

function packageDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

/** `dist/css/x.css` → `<to>/css/x.css` (jQuery's single file goes straight into `to`). */
function target(to: string, file: string): string {
  const rel = file.replace(/^dist\//, '');
  return `${to}/${to === 'assets/js' ? path.basename(rel) : rel}`;
}

export interface GadgetAssets {
  files: AssetFile[];
  /** Served name of the gadget runtime (`assets/gadgets-<hash>.js`). */
  runtime: string;
}

export async function buildGadgetAssets(minify: boolean): Promise<GadgetAssets> {
  // Classic scripts, not modules: gadgets load them with a plain <script src> and use the
  // globals (`gadgets`, `finesse`) right after.
  const result = await build({
    entryPoints: {
      gadgets: path.join(HERE, 'gadget-runtime', 'index.ts'),
      finesse: path.join(HERE, 'finesse-js', 'index.ts'),
      MessageDisplay: path.join(HERE, 'finesse-js', 'message-display.ts'),
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify,
    legalComments: 'eof',
    entryNames: '[name]-[hash]',
    outdir: path.join(HERE, 'out'),
    write: false,
    logLevel: 'silent',
  });
  const files: AssetFile[] = [];
  let runtime = '';
  for (const out of result.outputFiles) {
    const base = path.basename(out.path);
    if (base.startsWith('gadgets-')) {
      runtime = `assets/${base}`;
      files.push({ name: runtime, body: Buffer.from(out.contents), immutable: true });
    } else if (base.startsWith('finesse-')) {
      // Finesse's fixed path: gadgets name it literally.
      files.push({ name: 'assets/js/finesse.js', body: Buffer.from(out.contents), immutable: false });
    } else if (base.startsWith('MessageDisplay-')) {
      files.push({
        name: 'js/utilities/MessageDisplay.js',
        body: Buffer.from(out.contents),
        immutable: false,
      });
    }
  }
  if (!runtime) throw new Error('gadget build produced no runtime');
  for (const v of VENDOR) {
    const dir = packageDir(v.pkg);
    for (const f of v.files)
      files.push({ name: target(v.to, f), body: fs.readFileSync(path.join(dir, f)), immutable: false });
  }
  return { files, runtime };
}
