/**
 * What keeps text from outside (a SASL user name, a BOSH body, a header, a query parameter) from
 * writing lines or fields of its own into the logs. The troubleshooting tools believe what the
 * logs say (`switchboard diagnose` reads "Notification service stopped" as an outage, `trace`
 * reads `[agent_id=…]` as the agent a request was about), so a log line must say only what the
 * code that wrote it meant:
 *
 * - one record is one line: line breaks and every other control character become visible escapes
 *   (`\n`, `\r`, `\t`, `\u001b` …) in every line the log writers write;
 * - a `%[k=v]` field value never closes its field or opens another: values whose brackets do not
 *   balance have them percent-escaped (the writer's guarantee), and values that came from outside
 *   have `[`, `]` and `=` escaped whole (`neutralizeField`, the caller's duty).
 *
 * Escapes are one-way (a reader sees `\n`, never a line break) and cheap when nothing needs
 * escaping, which is nearly always: one regular-expression test per line.
 */

// C0 controls, DEL, C1 controls (U+0085 NEL among them) and the Unicode line/paragraph separators,
// which some viewers break lines on.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControl(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control character and line separator made a visible escape: one line. */
export function neutralizeLine(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROL_ALL, escapeControl) : text;
}

const FIELD_DELIMITER = /[[\]=]/;
const FIELD_DELIMITER_ALL = /[[\]=]/g;
const PERCENT: Record<string, string> = { '[': '%5B', ']': '%5D', '=': '%3D' };

/**
 * A value from outside, fit for a `%[k=v]` field: one line, and `[`, `]`, `=` percent-escaped so
 * that it can neither end its field nor pose as another (`][agent_id=2001]` → `%5D%5Bagent_id%3D2001%5D`).
 */
export function neutralizeField(value: string): string {
  const line = neutralizeLine(value);
  return FIELD_DELIMITER.test(line) ? line.replace(FIELD_DELIMITER_ALL, (c) => PERCENT[c]) : line;
}

/**
 * The writer's own guarantee for any field value (ours included: the decoded CTI beans and Java
 * maps hold balanced brackets, which the reader handles): a value whose brackets do not balance
 * would end its field early or swallow the next, so its brackets are escaped.
 */
export function balanceField(value: string): string {
  if (value.indexOf('[') < 0 && value.indexOf(']') < 0) return value;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 91 /* [ */) depth++;
    else if (c === 93 /* ] */ && --depth < 0) break;
  }
  return depth === 0 ? value : value.replace(/[[\]]/g, (c) => PERCENT[c]);
}

/** An access-log column: no spaces (columns are space-separated) and one line. */
export function neutralizeToken(value: string): string {
  return /[\s\u0000-\u001f\u007f-\u009f]/.test(value)
    ? value.replace(
        /[\s\u0000-\u001f\u007f-\u009f]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
      )
    : value;
}
