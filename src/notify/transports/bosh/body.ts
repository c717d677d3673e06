/**
 * The BOSH `<body/>` wrapper (XEP-0124 §4, XEP-0206 §3): parse a request body into typed fields,
 * and build response bodies as strings (responses are cached byte for byte, §14.3). Pure.
 */
import { escapeAttr, parseXml, type XmlElement } from '../../../xml/index.ts';
import { NS } from '../../namespaces.ts';

export interface BoshRequest {
  sid?: string;
  rid: number;
  to?: string;
  ver?: string;
  wait?: number;
  hold?: number;
  /** XEP-0124 §12: `type='terminate'`. */
  isTerminate: boolean;
  /** XEP-0206 §5: `xmpp:restart='true'`. */
  isRestart: boolean;
  /** XEP-0206 §3: `xmpp:version`. */
  xmppVersion?: string;
  /** XEP-0124 §10: `pause` seconds. */
  pause?: number;
  /** XEP-0124 §9: at creation '1' (the client uses acks); later, the highest rid answered in order. */
  ack?: number;
  payloads: XmlElement[];
}

export type ParsedBody =
  | { ok: true; request: BoshRequest }
  | { ok: false; reason: string; sid?: string; hasVer: boolean };

function uint(v: string | undefined): number | undefined {
  // XEP-0124 §14.1: rid < 2^53, so a JS number holds it exactly.
  if (v === undefined || !/^\d{1,16}$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** An attribute in the urn:xmpp:xbosh namespace, whatever prefix the client bound it to. */
function xboshAttr(body: XmlElement, local: string): string | undefined {
  const { attrs } = body;
  for (const name in attrs) {
    const colon = name.indexOf(':');
    if (
      colon > 0 &&
      name.length === colon + 1 + local.length &&
      name.endsWith(local) &&
      attrs[`xmlns:${name.slice(0, colon)}`] === NS.xbosh
    ) {
      return attrs[name];
    }
  }
  return undefined;
}

/** Never throws; a body that is not a valid `<body/>` is `bad-request` (XEP-0124 §17.2). */
export function parseBody(text: string, maxLength: number): ParsedBody {
  const parsed = parseXml(text, { maxLength });
  if (!parsed.ok) {
    // Best effort, so the right session ends and a modern client still gets HTTP 200.
    const sid = /\bsid\s*=\s*["']([^"'<>&]{1,64})["']/.exec(text)?.[1];
    return { ok: false, reason: parsed.error, sid, hasVer: /\bver\s*=/.test(text) };
  }
  const body = parsed.root;
  const sid = body.attr('sid');
  const hasVer = body.attr('ver') !== undefined;
  const bad = (reason: string): ParsedBody => ({ ok: false, reason, sid, hasVer });
  if (!body.is('body', NS.httpbind))
    return bad('root element is not <body xmlns="http://jabber.org/protocol/httpbind"/>');
  const rid = uint(body.attr('rid'));
  if (rid === undefined || rid === 0) return bad('missing or invalid rid');
  // XEP-0124 §4: character data directly inside <body/> is forbidden.
  if (body.children.some((c) => typeof c === 'string' && c.trim() !== ''))
    return bad('character data in <body/>');
  const wait = body.attr('wait');
  const hold = body.attr('hold');
  const pause = body.attr('pause');
  const request: BoshRequest = {
    sid,
    rid,
    to: body.attr('to'),
    ver: body.attr('ver'),
    wait: uint(wait),
    hold: uint(hold),
    isTerminate: body.attr('type') === 'terminate',
    isRestart: xboshAttr(body, 'restart') === 'true',
    xmppVersion: xboshAttr(body, 'version'),
    pause: uint(pause),
    ack: uint(body.attr('ack')),
    // XEP-0206 §7: stanzas without their own xmlns inherit httpbind; they mean jabber:client.
    payloads: body.elements().map((e) => {
      if (e.ns === NS.httpbind) e.ns = NS.client;
      return e;
    }),
  };
  if (
    (wait !== undefined && request.wait === undefined) ||
    (hold !== undefined && request.hold === undefined)
  ) {
    return bad('invalid wait or hold');
  }
  if (pause !== undefined && request.pause === undefined) return bad('invalid pause');
  return { ok: true, request };
}

/** A serialized payload, and whether it uses the `stream:` prefix (then `<body/>` declares it). */
export interface Payload {
  text: string;
  usesStreamPrefix: boolean;
}

export function buildBody(
  attrs: Record<string, string | number | undefined>,
  payloads: readonly Payload[] = [],
): string {
  let s = `<body xmlns="${NS.httpbind}"`;
  // XEP-0206 §3.2: xmlns:stream must be declared on <body/> when features or errors are inside.
  if (payloads.some((p) => p.usesStreamPrefix)) s += ` xmlns:stream="${NS.stream}"`;
  for (const k in attrs) {
    const v = attrs[k];
    if (v !== undefined) s += ` ${k}="${escapeAttr(String(v))}"`;
  }
  if (payloads.length === 0) return `${s}/>`;
  return `${s}>${payloads.map((p) => p.text).join('')}</body>`;
}

/** XEP-0124 §17.2: a terminal binding error; empty except for a wrapped stream error. */
export function buildTerminate(condition?: string, payload?: Payload): string {
  return buildBody({ type: 'terminate', condition }, payload ? [payload] : []);
}

/** XEP-0124 §5: the lower of our version and the client's, compared as major.minor. */
export function negotiateVersion(client: string | undefined, server: string): string | undefined {
  const m = client === undefined ? null : /^(\d+)\.(\d+)$/.exec(client);
  if (!m) return undefined;
  const [, cMajor, cMinor] = m.map(Number);
  const [sMajor, sMinor] = server.split('.').map(Number);
  return cMajor < sMajor || (cMajor === sMajor && cMinor < sMinor) ? client : server;
}
