/**
 * A start that fails says which listener and which flag, and gives back what it opened: the
 * resources opened so far are closed in reverse order before the error goes up, so a failed
 * start never leaves a process holding half its ports.
 */

/** Closes, in reverse order, what a start opened; a closer that fails does not stop the others. */
export class OpenedResources {
  readonly #closers: { what: string; close: () => unknown }[] = [];

  add(what: string, close: () => unknown): void {
    this.#closers.push({ what, close });
  }

  async closeAll(): Promise<void> {
    for (const { close } of this.#closers.reverse()) {
      try {
        await close();
      } catch {
        // Already failing; the start's own error is the one to report.
      }
    }
    this.#closers.length = 0;
  }
}

interface SystemError extends Error {
  code?: string;
}

/** Opens one listener; a bind error becomes a sentence naming the listener and its flag. */
export async function listening<T>(
  what: string,
  flag: string,
  host: string,
  port: number,
  open: () => Promise<T>,
): Promise<T> {
  try {
    return await open();
  } catch (e) {
    throw new Error(describeListenError(e as SystemError, what, flag, host, port), { cause: e });
  }
}

export function describeListenError(
  e: SystemError,
  what: string,
  flag: string,
  host: string,
  port: number,
): string {
  const where = `${host}:${port}`;
  switch (e.code) {
    case 'EADDRINUSE':
      return `cannot listen for ${what} on ${where}: the port is in use by another process (${flag} chooses another)`;
    case 'EACCES':
      return `cannot listen for ${what} on ${where}: permission denied (ports below 1024 need privileges; ${flag})`;
    case 'EADDRNOTAVAIL':
      return `cannot listen for ${what} on ${where}: ${host} is not an address of this machine (--host)`;
    default:
      return `cannot listen for ${what} on ${where}: ${e.message}`;
  }
}
