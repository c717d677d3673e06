/**
 * Lines for a stream (standard output under systemd or a container runtime), gathered within one
 * turn of the event loop and written together: one write per turn however busy the node is.
 */
export interface LineBatcher {
  (line: string): void;
  /** Writes what is pending now (process exit). */
  flushSync(): void;
}

export function createLineBatcher(write: (chunk: string) => void): LineBatcher {
  let pending: string[] = [];
  const flushSync = () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    write(chunk);
  };
  const add = (line: string) => {
    if (pending.length === 0) setImmediate(flushSync);
    pending.push(`${line}\n`);
  };
  return Object.assign(add, { flushSync });
}
