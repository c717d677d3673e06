/**
 * debug.log lines for XMPP traffic, in the shape of Openfire's `HTTPBindLog: HTTP RECV(<sid>): …`
 * that the BOSH technote reads: `TCP RECV(<id>): …`, `WebSocket SENT(<id>): …`. SASL data is a
 * base64 password, so it never reaches a log file.
 */
import type { TextLog } from '../logs/index.ts';

const SASL_DATA = /(<(?:[\w.-]+:)?(?:auth|response)\b[^>]*>)[^<]*(<\/)/g;

/**
 * Masks the text of `<auth>` and `<response>` in complete XML (a BOSH body, a WebSocket frame, one
 * parsed TCP stanza — never a raw TCP chunk, which may cut an `<auth>` anywhere).
 */
export function redactSasl(text: string): string {
  return text.replace(SASL_DATA, '$1***$2');
}

export type TrafficLink = 'TCP' | 'WebSocket';

export function logTraffic(
  log: TextLog,
  link: TrafficLink,
  direction: 'RECV' | 'SENT',
  id: string,
  text: string,
): void {
  if (log.enabled) log.write(`${link} ${direction}(${id}): ${text}`);
}
