/**
 * The kinds of value an option takes: how the help names it and how text (a flag's argument or an
 * environment variable) becomes a value. A bad text is a value too — `{ invalid: why }` — so that
 * the parser can name the flag or variable it came from.
 */
import path from 'node:path';

export interface Invalid {
  invalid: string;
}

export interface ValueType<T> {
  /** How the help text names the value (`N`, `FILE`, `ADDR` …); '' for a switch. */
  readonly placeholder: string;
  /** A switch: `--name` alone is true, `--no-name` false; in the environment true/false. */
  readonly isSwitch?: boolean;
  parse(text: string): T | Invalid;
}

export const isInvalid = (v: unknown): v is Invalid =>
  typeof v === 'object' && v !== null && 'invalid' in v && Object.keys(v).length === 1;

const invalid = (why: string): Invalid => ({ invalid: why });

export const text = (placeholder = 'TEXT'): ValueType<string> => ({
  placeholder,
  parse: (t) => (t === '' ? invalid('must not be empty') : t),
});

/** A file or folder, resolved against the working directory at start. */
export const filePath = (placeholder = 'FILE'): ValueType<string> => ({
  placeholder,
  parse: (t) => (t === '' ? invalid('must not be empty') : path.resolve(t)),
});

export const port: ValueType<number> = {
  placeholder: 'N',
  parse: (t) => {
    const n = Number(t);
    return t.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 65535
      ? n
      : invalid(`not a port (0-65535): '${t}'`);
  },
};

/** A TLS listener's port, or `off`. */
export const portOrOff: ValueType<number | 'off'> = {
  placeholder: 'N|off',
  parse: (t) => (t === 'off' ? 'off' : port.parse(t)),
};

export const number = (
  opts: { min?: number; isPositive?: boolean; isInteger?: boolean; placeholder?: string } = {},
) =>
  ({
    placeholder: opts.placeholder ?? 'N',
    parse: (t) => {
      const n = Number(t);
      if (t.trim() === '' || !Number.isFinite(n)) return invalid(`not a number: '${t}'`);
      if (opts.isInteger && !Number.isInteger(n)) return invalid(`not a whole number: '${t}'`);
      if (opts.min !== undefined && n < opts.min) return invalid(`must be at least ${opts.min}, not ${t}`);
      if (opts.isPositive && !(n > 0)) return invalid(`must be more than 0, not ${t}`);
      return n;
    },
  }) satisfies ValueType<number>;

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export const flag: ValueType<boolean> = {
  placeholder: '',
  isSwitch: true,
  parse: (t) => {
    const v = t.toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    return invalid(`not true or false: '${t}'`);
  },
};

export const oneOf = <const T extends readonly string[]>(...choices: T): ValueType<T[number]> => ({
  placeholder: choices.join('|'),
  parse: (t) => (choices.includes(t) ? t : invalid(`one of ${choices.join(', ')}; not '${t}'`)),
});

/** `host:port[,host:port]` (a CTI server's sides A and B; the port defaults to 42027). */
export const hostPorts: ValueType<{ host: string; port: number }[]> = {
  placeholder: 'H:P[,H:P]',
  parse: (t) => {
    const sides: { host: string; port: number }[] = [];
    for (const item of t.split(',').map((x) => x.trim())) {
      if (!item) continue;
      const i = item.lastIndexOf(':');
      const host = i < 0 ? item : item.slice(0, i);
      const p = i < 0 ? 42027 : port.parse(item.slice(i + 1));
      if (typeof p !== 'number' || p === 0 || !host) return invalid(`not host:port: '${item}'`);
      sides.push({ host, port: p });
    }
    return sides.length > 0 ? sides : invalid('names no host:port');
  },
};

/** An ISO 8601 time (without an offset: local time), as epoch milliseconds. */
export const isoTime: ValueType<number> = {
  placeholder: 'ISO',
  parse: (t) => {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? invalid(`not an ISO time: '${t}'`) : ms;
  },
};

export const url: ValueType<string> = {
  placeholder: 'URL',
  parse: (t) => {
    try {
      new URL(t);
      return t.replace(/\/+$/, '');
    } catch {
      return invalid(`not a URL: '${t}'`);
    }
  },
};

/** `a, b,c` → each checked by `check` (a reason when it is wrong). */
export const commaList = (
  placeholder: string,
  check: (item: string) => string | undefined = () => undefined,
) =>
  ({
    placeholder,
    parse: (t) => {
      const items = t
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      for (const item of items) {
        const why = check(item);
        if (why) return invalid(why);
      }
      return items;
    },
  }) satisfies ValueType<string[]>;

/** scrypt's `N,r,p` (RFC 7914): N a power of two above 1, r and p at least 1, within scrypt's limits. */
export const scryptCost: ValueType<{ N: number; r: number; p: number }> = {
  placeholder: 'N,r,p',
  parse: (t) => {
    const [N, r, p, ...rest] = t.split(',').map((x) => Number(x.trim()));
    const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
    if (rest.length || !isPowerOfTwo || ![r, p].every((x) => Number.isInteger(x) && x >= 1))
      return invalid(`not N,r,p with N a power of two (e.g. 131072,8,1): '${t}'`);
    if (128 * N * r > 256 * 1024 * 1024) return invalid(`needs more than 256 MiB per hash: '${t}'`);
    return { N, r, p };
  },
};
