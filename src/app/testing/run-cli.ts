import { main } from '../../cli.ts';

export interface CliRun {
  code: number;
  /** Standard output. */
  out: string;
  /** Standard error. */
  err: string;
  /** Both, in the order they were written. */
  text: string;
}

/** `switchboard …args` in this process, with `env` as its whole environment; output captured. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const r = { out: '', err: '', text: '' };
  const code = await main(args, {
    out: (s) => {
      r.out += s;
      r.text += s;
    },
    err: (s) => {
      r.err += s;
      r.text += s;
    },
    env,
  });
  return { code, ...r };
}
