/**
 * Waits for a condition the test cannot be told about directly (a log line written, a state an
 * API shows): checks it now and then again every `everyMs` until it holds, and fails naming
 * `what` after `timeoutMs`. The deadline only catches a hang: it is long, because a loaded
 * machine is slow, and a test never asserts how soon the condition came.
 */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 30_000, everyMs = 20 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
