import type { Role } from '../core/model.ts';
import type { LayoutEntry, SystemConfig } from './config-types.ts';
import type { StoreError } from './types.ts';

/**
 * Finesse's configuration limits (finesse-api.md §1.5, §1.6; admin guide "Phone Books and
 * Contacts"). Values marked inferred are not in the spec; each is a choice a Finesse
 * administrator would find unsurprising, and docs/api.md lists them.
 */
export const LIMITS = {
  reasonCodeLabel: 40,
  reasonCodeMin: 1,
  reasonCodeMax: 65535,
  /** Per category: 100 codes for everybody plus 100 assigned to teams. */
  globalReasonCodes: 100,
  teamReasonCodes: 100,
  /** UCCE's wrap-up text is 39 characters (Packaged CCE Reason Code API), one less than reason codes. */
  wrapUpLabel: 39,
  /** Inferred: the reason codes' 100 global, and Finesse's documented 1500 team wrap-up reasons. */
  globalWrapUpReasons: 100,
  teamWrapUpReasons: 1500,
  phoneBookName: 64,
  globalPhoneBooks: 10,
  teamPhoneBooks: 300,
  contactName: 128,
  contactPhone: 32,
  contactDescription: 128,
  contactsPerBook: 6000,
  contactsTotal: 50000,
  /** Inferred layout limits: name, description, label, property lengths, header and columns. */
  layoutName: 40,
  layoutDescription: 128,
  layoutDisplayName: 50,
  layoutMediaProperty: 32,
  layoutHeaderEntries: 1,
  layoutColumns: 2,
  layoutColumnEntries: 10,
  layouts: 200,
  teamMessageContent: 255,
  /** Inferred: a skill group's name on UCCE (EnterpriseName) is at most 32 characters; 64 is lenient. */
  queueName: 64,
  /** Inferred: Finesse polls every queue every 10 s; a few hundred keep that cheap. */
  queues: 500,
  /** Inferred: one day at most. */
  teamMessageMaxDuration: 86400,
  teamName: 64,
  loginId: 64,
  loginName: 128,
  personName: 64,
  password: 256,
} as const;

export type Check = StoreError | undefined;

export const invalid = (field: string, message: string): StoreError => ({ code: 'invalid', field, message });
export const missing = (field: string): StoreError => ({
  code: 'missing',
  field,
  message: `${field} is required`,
});
export const notFound = (field: string, id: string | number): StoreError => ({
  code: 'not-found',
  field,
  message: `no ${field} ${id}`,
});
export const limit = (field: string, max: number): StoreError => ({
  code: 'limit',
  field,
  message: `at most ${max} ${field} allowed`,
});

/** The first failed check, if any. */
export function firstError(...checks: Check[]): Check {
  return checks.find((c) => c !== undefined);
}

/** A text of `min`–`max` characters (code points, as Java counts them closely enough). */
export function text(field: string, value: string | undefined, max: number, min = 0): Check {
  if (value === undefined) return min > 0 ? missing(field) : undefined;
  const length = [...value].length;
  if (length < min) return min === 1 && length === 0 ? missing(field) : invalid(field, `too short`);
  if (length > max) return invalid(field, `longer than ${max} characters`);
  // C0 controls other than tab and line breaks have no place in configuration and break logs.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value))
    return invalid(field, 'control character');
  return undefined;
}

/**
 * A one-line text: a label or a name. Desktops show it on one line, and logs and notifications
 * quote it, where a line break would start a line of its own (#12: reason-code labels kept them).
 */
export function line(field: string, value: string | undefined, max: number, min = 0): Check {
  return (
    text(field, value, max, min) ??
    (value !== undefined && /[\t\n\r\u0085\u2028\u2029]/.test(value)
      ? invalid(field, 'line break or tab')
      : undefined)
  );
}

export function integer(field: string, value: number | undefined, min: number, max: number): Check {
  if (value === undefined) return missing(field);
  if (!Number.isInteger(value) || value < min || value > max) {
    return invalid(field, `must be an integer from ${min} to ${max}`);
  }
  return undefined;
}

/**
 * Login ids become XMPP localparts (`2001@domain`) and path segments, so they are kept to the
 * characters both allow unescaped; login names may not contain ':' (HTTP Basic splits there).
 */
export function loginId(value: string | undefined): Check {
  return (
    text('loginId', value, LIMITS.loginId, 1) ??
    (/^[A-Za-z0-9._-]+$/.test(value ?? '') ? undefined : invalid('loginId', 'letters, digits, . _ - only'))
  );
}

export function loginName(value: string | undefined): Check {
  return (
    text('loginName', value, LIMITS.loginName, 1) ??
    (/[:\s]/.test(value ?? '') ? invalid('loginName', 'no colon or white space') : undefined)
  );
}

const ROLES: readonly Role[] = ['Agent', 'Supervisor', 'Administrator'];

export function roles(value: readonly string[] | undefined): Check {
  if (value === undefined || value.length === 0) return missing('roles');
  const unknown = value.find((r) => !ROLES.includes(r as Role));
  return unknown === undefined ? undefined : invalid('roles', `unknown role ${unknown}`);
}

export function teamId(value: string | undefined): Check {
  return (
    text('id', value, 32, 1) ??
    (/^[A-Za-z0-9_-]+$/.test(value ?? '') ? undefined : invalid('id', 'letters, digits, _ - only'))
  );
}

/** A queue id is its skill group's PeripheralNumber (finesse-api.md §1.8): a number. */
export function queueId(value: string | undefined): Check {
  return (
    text('id', value, 10, 1) ??
    (/^[0-9]{1,10}$/.test(value ?? '') && Number(value) <= 2_147_483_647
      ? undefined
      : invalid('id', 'a skill group number'))
  );
}

export function layoutEntries(field: string, entries: readonly LayoutEntry[], max: number): Check {
  if (entries.length > max) return limit(field, max);
  for (const e of entries) {
    const bad =
      line('displayName', e.displayName, LIMITS.layoutDisplayName, 1) ??
      line('mediaProperty', e.mediaProperty, LIMITS.layoutMediaProperty, 1);
    if (bad) return bad;
  }
  return undefined;
}

export function layoutColumns(columns: readonly LayoutEntry[][]): Check {
  if (columns.length > LIMITS.layoutColumns) return limit('column', LIMITS.layoutColumns);
  return firstError(...columns.map((c) => layoutEntries('entry', c, LIMITS.layoutColumnEntries)));
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/;

/** A host name or address, or '' for "none". */
export function host(field: string, value: string): Check {
  if (value === '') return undefined;
  return text(field, value, 255) ?? (HOST.test(value) ? undefined : invalid(field, 'not a host name'));
}

export function systemConfig(c: SystemConfig): Check {
  return firstError(
    host('host', c.cti.host),
    integer('port', c.cti.port, 1, 65535),
    host('backupHost', c.cti.backupHost),
    integer('backupPort', c.cti.backupPort, 1, 65535),
    integer('peripheralId', c.cti.peripheralId, 1, 32767),
  );
}
