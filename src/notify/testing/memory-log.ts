/** An in-memory `TextLog` for assertions. */
import type { TextLog } from '../../logs/index.ts';

export interface MemoryLog extends TextLog {
  readonly lines: string[];
  /** Lines containing `text`. */
  grep(text: string): string[];
  /**
   * The next line written that contains `text` (call it before the action that writes it). The
   * server writes `HTTPBindLog: HTTP RECV(<sid>)` as it takes a BOSH request in, before holding
   * it, so waiting for that line replaces sleeping "until the request is held".
   */
  next(text: string): Promise<string>;
}

export function memoryLog(enabled = true): MemoryLog {
  const lines: string[] = [];
  const waiters: { text: string; resolve: (line: string) => void }[] = [];
  return {
    enabled,
    file: ':memory:',
    lines,
    write(text: string) {
      if (!this.enabled) return;
      lines.push(text);
      for (const w of waiters.filter((w) => text.includes(w.text))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(text);
      }
    },
    grep: (text) => lines.filter((l) => l.includes(text)),
    next: (text) => new Promise((resolve) => waiters.push({ text, resolve })),
  };
}
