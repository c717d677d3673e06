/**
 * Jabber IDs (RFC 7622): `local@domain/resource`. We do not run the full PRECIS profiles; we refuse
 * what can never be valid (empty parts, over-long parts, controls, the characters RFC 7622 §3.3.1
 * forbids in a localpart) and lower-case the domain, which is all a Finesse deployment needs.
 */
export interface Jid {
  readonly local: string;
  readonly domain: string;
  readonly resource: string;
  /** `local@domain` (or `domain`). */
  readonly bare: string;
  /** `bare/resource` (or `bare` when there is no resource). */
  readonly full: string;
}

// RFC 7622 §3.1: each part is at most 1023 octets.
const MAX_PART_BYTES = 1023;
// RFC 7622 §3.3.1: these may not appear in a localpart.
const BAD_LOCAL = /[\s"&'/:<>@\u0000-\u001f\u007f]/;
const BAD_DOMAIN = /[\s"&'/<>@\\\u0000-\u001f\u007f]/;
const BAD_RESOURCE = /[\u0000-\u001f\u007f]/;

function tooLong(s: string): boolean {
  return Buffer.byteLength(s, 'utf8') > MAX_PART_BYTES;
}

export function isValidLocal(local: string): boolean {
  return local !== '' && !tooLong(local) && !BAD_LOCAL.test(local);
}

export function isValidResource(resource: string): boolean {
  return resource.trim() !== '' && !tooLong(resource) && !BAD_RESOURCE.test(resource);
}

export function makeJid(local: string, domain: string, resource = ''): Jid {
  const d = domain.toLowerCase();
  const bare = local ? `${local}@${d}` : d;
  return { local, domain: d, resource, bare, full: resource ? `${bare}/${resource}` : bare };
}

/** Parses a JID string; `undefined` when it is malformed (the caller answers `jid-malformed`). */
export function parseJid(text: string): Jid | undefined {
  const slash = text.indexOf('/');
  const head = slash < 0 ? text : text.slice(0, slash);
  const resource = slash < 0 ? '' : text.slice(slash + 1);
  const at = head.indexOf('@');
  const local = at < 0 ? '' : head.slice(0, at);
  const domain = at < 0 ? head : head.slice(at + 1);
  if (at >= 0 && !isValidLocal(local)) return undefined;
  if (domain === '' || tooLong(domain) || BAD_DOMAIN.test(domain) || domain.endsWith('.')) return undefined;
  if (slash >= 0 && !isValidResource(resource)) return undefined;
  return makeJid(local, domain, resource);
}

/** The bare part of a JID string, or `undefined` when it does not parse. */
export function bareOf(text: string): string | undefined {
  return parseJid(text)?.bare;
}
