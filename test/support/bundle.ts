/**
 * The test files and the `switchboard` command as plain ES modules, built once per test run with
 * esbuild (scripts/run-tests.mjs). Loading TypeScript through tsx costs every Node process ~0.5 s
 * of CPU for the loader thread and ~1 s more for the app's ~300 modules; a run starts ~30 test
 * processes and a dozen `switchboard` processes, on two cores. The bundles load in a fraction of
 * that. Production does not use them: bin/switchboard.js runs the sources through tsx.
 *
 * What stays as it was: npm packages are not bundled (imported from node_modules as before, so
 * the bundles live under node_modules/.cache to find them); `import.meta.url`, `.dirname` and
 * `.filename` keep naming each source file, so fixtures, the desktop's app folder and
 * package.json are found where they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Where bundles go: under node_modules, so that their bare imports resolve to the project's packages. */
export const BUNDLE_ROOT = path.join(ROOT, 'node_modules', '.cache', 'switchboard-test-bundles');

/** `import.meta.url`, `.dirname`, `.filename` of each source file, as the file's own values. */
const sourceLocation: Plugin = {
  name: 'source-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('import.meta.')) return undefined;
      const contents = text
        .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href))
        .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(path.dirname(args.path)))
        .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path));
      return { contents, loader: 'ts' };
    });
  },
};

/** The bundle's `switchboard` entry: bin/switchboard.js without tsx. */
const CLI_ENTRY = 'switchboard-cli-entry';
const cliEntry: Plugin = {
  name: 'switchboard-cli-entry',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^${CLI_ENTRY}$`) }, () => ({ path: CLI_ENTRY, namespace: CLI_ENTRY }));
    b.onLoad({ filter: /.*/, namespace: CLI_ENTRY }, () => ({
      contents: `import { main } from './src/cli.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n`,
      resolveDir: ROOT,
      loader: 'js',
    }));
  },
};

export interface Bundles {
  /** Source test file → the module to run instead. */
  tests: Map<string, string>;
  /** The `switchboard` command: `node <cli> start …`. */
  cli: string;
}

/**
 * Bundles `testFiles` (absolute paths) and the `switchboard` command into `outdir`. Code shared by
 * several files goes into shared chunks, so that files run in one process share one copy of each
 * module, as they did from the sources.
 */
export async function bundleTests(testFiles: readonly string[], outdir: string): Promise<Bundles> {
  const entryPoints: Record<string, string> = { 'bin/switchboard': CLI_ENTRY };
  for (const f of testFiles) entryPoints[path.relative(ROOT, f).replace(/\.ts$/, '')] = f;
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // Failures point at the TypeScript lines (the runner passes --enable-source-maps).
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [sourceLocation, cliEntry],
  });
  const tests = new Map(
    Object.entries(entryPoints)
      .filter(([, from]) => from !== CLI_ENTRY)
      .map(([name, from]) => [from, path.join(outdir, `${name}.mjs`)]),
  );
  return { tests, cli: path.join(outdir, 'bin/switchboard.mjs') };
}
