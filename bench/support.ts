/**
 * What the benchmarks share: their `--name value` arguments, the demo agents the system under
 * test knows, and (for the tests that run them tiny) reading back the tables they print.
 */
import { DEMO } from '../src/store/demo.ts';

/** `--name value` pairs of this process's command line, by name without the dashes. */
export function benchArgs(argv = process.argv.slice(2)): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) args.set(argv[i].replace(/^--/, ''), argv[i + 1] ?? '');
  return args;
}

/** The demo agents with a phone (src/store/demo.ts), as [id, extension]. */
export const DEMO_AGENTS: [string, string][] = DEMO.agents.map((a) => [a.id, a.extension]);

/** The cells of every markdown table row of `output` that starts with `first`. */
export function tableRows(output: string, first: string): string[][] {
  return output
    .split('\n')
    .filter((l) => l.startsWith(`| ${first}`))
    .map((l) =>
      l
        .split('|')
        .map((c) => c.trim())
        .slice(1, -1),
    );
}
