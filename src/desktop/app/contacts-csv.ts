/**
 * A phone book's contacts as CSV, for the administrator's Import and Export — Finesse's Manage
 * Phone Books has both, Import replacing the book's contacts. The columns are Finesse's contact
 * fields as its admin gadget names them: First Name, Last Name, Phone Number, Notes (the
 * contact's description); a first line naming them is written on export and skipped on import.
 * Fields are quoted as RFC 4180 says (commas, quotes, line breaks inside).
 */
import type { Row } from './admin.ts';

export const CSV_HEADER = ['First Name', 'Last Name', 'Phone Number', 'Notes'];
const FIELDS = ['firstName', 'lastName', 'phoneNumber', 'description'] as const;

const quote = (v: string) => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v);

export function contactsToCsv(rows: readonly Row[]): string {
  const lines = [CSV_HEADER, ...rows.map((r) => FIELDS.map((f) => r[f] ?? ''))];
  return `${lines.map((l) => l.map(quote).join(',')).join('\r\n')}\r\n`;
}

/** The records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.some((f) => f.trim() !== ''));
}

/** The contacts of an imported CSV, as admin rows; a header line naming the columns is skipped. */
export function contactsFromCsv(text: string): Row[] {
  const records = parseCsv(text);
  const isHeader = (r: string[]) => r[2]?.trim().toLowerCase() === CSV_HEADER[2].toLowerCase();
  return records
    .filter((r, i) => !(i === 0 && isHeader(r)))
    .map((r) => Object.fromEntries(FIELDS.map((f, i) => [f, (r[i] ?? '').trim()])));
}
