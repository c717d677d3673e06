/**
 * Waits for a condition the test cannot be told about directly (a log line written, a state an
 * API shows): checks it now and then again every `everyMs` until it holds, and fails naming
 * `what` after `timeoutMs`. The deadline only catches a hang: it is long, because a loaded
 * machine is slow, and a test never asserts how soon the condition came. A check that throws (a
 * request to a node that is down) counts as not yet; the last error is in the timeout's message.
 */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 30_000, everyMs = 20 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why =
        lastError === undefined ? '' : ` (last check threw: ${(lastError as Error).message ?? lastError})`;
      throw new Error(`timed out waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
