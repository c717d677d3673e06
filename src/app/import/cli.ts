/**
 * `switchboard import FILE [--data-dir DIR | --database-url URL]`: reads the file, applies it,
 * prints the counts and every refused row with its place; a progress line on a terminal. Exit code
 * 1 when a row (or the file) was refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { Io } from '../../cli.ts';
import { type CommandLine, UsageError } from '../options/index.ts';
import { applyImport } from './apply.ts';
import { ImportFileError, readImportFile } from './read-file.ts';

/** A terminal gets at most this many progress updates a second. */
const PROGRESS_EVERY_MS = 100;

export async function runImport(cl: CommandLine, io: Io): Promise<number> {
  const { config } = cl;
  const [file, ...more] = cl.positionals;
  if (!file || more.length) throw new UsageError(file ? `one file at a time, not ${more[0]}` : 'which file?');
  const started = Date.now();
  let plan: ReturnType<typeof readImportFile>;
  try {
    plan = readImportFile(file, fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    io.out(`${file}: refused, nothing imported: ${e.message}\n`);
    return 1;
  }
  const mode = cl.values.progress as 'auto' | 'always' | 'never';
  const showProgress = mode === 'always' || (mode === 'auto' && io.isTty === true);
  let shown = 0;
  const onProgress = (done: number, total: number) => {
    const now = Date.now();
    if (!showProgress || (now - shown < PROGRESS_EVERY_MS && done < total)) return;
    shown = now;
    const pct = Math.floor((100 * done) / total);
    io.err(
      `\rimporting ${file}: ${done}/${total} users (${pct} %), ${((now - started) / 1000).toFixed(0)} s`,
    );
  };
  const { openStore } = await import('../index.ts');
  // Every core hashes (libuv's pool has 4 threads unless UV_THREADPOOL_SIZE says more, which must
  // be set before Node starts: docs/production.md).
  const store = await openStore(config, undefined, { hashConcurrency: os.availableParallelism() });
  try {
    const r = await applyImport(store, plan, { onProgress });
    if (showProgress && plan.users.length > 0) io.err('\n');
    io.out(
      `imported ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.teamsCreated} teams created, ` +
        `${r.usersCreated} users created, ${r.usersUpdated} updated, ${r.queuesCreated} queues created, ` +
        `${r.queuesUpdated} updated, ${r.errors.length} refused\n`,
    );
    for (const e of r.errors) io.out(`  refused: ${e}\n`);
    return r.errors.length ? 1 : 0;
  } finally {
    await store.close();
  }
}
