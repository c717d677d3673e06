/**
 * Finesse's per-object ordering (DESIGN): the requests on one object — a user, a dialog — run one
 * after another, each waiting for the CTI outcome of the one before. Core and the dialog engine
 * both queue through this; a key names the object.
 */
import type { ApiError, Result } from './model.ts';

/** What a request means now: the answer, and the CTI work it queues if accepted. */
export interface Verdict {
  result: Result<void>;
  send?: () => Promise<void>;
}

const accepted: Result<void> = { ok: true, value: undefined };

export class ObjectQueues {
  readonly #tails = new Map<string, Promise<void>>();

  isBusy(key: string): boolean {
    return this.#tails.has(key);
  }

  /** Runs `job` after every job queued before it on `key` (failed or not). */
  run(key: string, job: () => Promise<void>): void {
    const prev = this.#tails.get(key) ?? Promise.resolve();
    const next = prev.then(job, job).catch(() => {});
    this.#tails.set(key, next);
    void next.then(() => {
      if (this.#tails.get(key) === next) this.#tails.delete(key);
    });
  }

  /**
   * A request whose validity depends on the object's state. With nothing queued, `decide` runs
   * now and its result is the answer (a 400 stays synchronous; a `decide` that returns at once is
   * queued in the same turn, so no other request slips in between). Behind earlier requests the
   * answer is an immediate accept (202) and `decide` runs when they have their outcome; a refusal
   * then goes to `refused`, as Finesse reports what goes wrong after a 202. The verdict's `send`
   * holds the queue until its own outcome.
   */
  inTurn(
    key: string,
    decide: () => Verdict | Promise<Verdict>,
    refused: (error: ApiError) => void,
  ): Promise<Result<void>> {
    if (this.isBusy(key)) {
      this.run(key, async () => {
        const verdict = await decide();
        if (!verdict.result.ok) refused(verdict.result.error);
        await verdict.send?.();
      });
      return Promise.resolve(accepted);
    }
    const settle = (verdict: Verdict) => {
      if (verdict.send) this.run(key, verdict.send);
      return verdict.result;
    };
    const verdict = decide();
    return verdict instanceof Promise ? verdict.then(settle) : Promise.resolve(settle(verdict));
  }
}
