/**
 * Which node to go to when the desktop's node is lost (docs/cluster.md): every known node is
 * asked for its SystemInfo at once, each with a short timeout, so a hung node (SIGSTOP, a dead
 * route) costs no more than a refused one. Among those IN_SERVICE the current node is kept if it
 * answered; otherwise one is chosen at random, so that the desktops of a lost node spread evenly
 * over the survivors.
 */
import type { ClientLog } from './client/client-log.ts';
import type { SystemInfo } from './client/models.ts';
import { parseSystemInfo } from './client/parse.ts';
import { RestClient } from './client/rest.ts';

export interface ProbeAnswer {
  origin: string;
  /** HTTP status; 0 when nothing answered in time. */
  status: number;
  /** The node's SystemInfo when it answered with one. */
  info?: SystemInfo;
}

export const isUsable = (a: ProbeAnswer) => a.info?.status === 'IN_SERVICE';

/** `GET /finesse/api/SystemInfo` at `origin`, waiting at most `timeoutMs`. */
export async function askNode(origin: string, log: ClientLog, timeoutMs: number): Promise<ProbeAnswer> {
  const rest = new RestClient({ log, base: origin, timeoutMs });
  const res = await rest.get('/finesse/api/SystemInfo');
  const info = res.ok && res.root?.localName === 'SystemInfo' ? parseSystemInfo(res.root) : undefined;
  return { origin, status: res.status, info };
}

/**
 * Asks all of `origins` at once. Resolves `graceMs` after the first usable answer (the others
 * that are as quick get their chance to be chosen) or when all have answered, with every answer
 * in by then.
 */
export function probeNodes(
  origins: readonly string[],
  ask: (origin: string) => Promise<ProbeAnswer>,
  graceMs: number,
): Promise<ProbeAnswer[]> {
  return new Promise((resolve) => {
    const answers: ProbeAnswer[] = [];
    let done = false;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(grace);
      resolve([...answers]);
    };
    if (origins.length === 0) finish();
    for (const origin of origins) {
      void ask(origin)
        .catch((): ProbeAnswer => ({ origin, status: 0 }))
        .then((a) => {
          if (done) return;
          answers.push(a);
          if (answers.length === origins.length) finish();
          else if (isUsable(a) && grace === undefined) grace = setTimeout(finish, graceMs);
        });
    }
  });
}

/** The node to use: `current` if it is usable, else a random usable one. */
export function chooseNode(
  answers: readonly ProbeAnswer[],
  current: string,
  random: () => number = Math.random,
): ProbeAnswer | undefined {
  const usable = answers.filter(isUsable);
  return usable.find((a) => a.origin === current) ?? usable[Math.floor(random() * usable.length)];
}
