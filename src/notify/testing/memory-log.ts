/** An in-memory `TextLog` for assertions. */
import type { TextLog } from '../../logs/index.ts';

export interface MemoryLog extends TextLog {
  readonly lines: string[];
  /** Lines containing `text`. */
  grep(text: string): string[];
}

export function memoryLog(enabled = true): MemoryLog {
  const lines: string[] = [];
  return {
    enabled,
    file: ':memory:',
    lines,
    write(text: string) {
      if (this.enabled) lines.push(text);
    },
    grep: (text) => lines.filter((l) => l.includes(text)),
  };
}
