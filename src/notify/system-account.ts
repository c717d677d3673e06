/**
 * The system account's secret (Finesse's webservices account on Openfire): configured, or
 * generated once into a file only the owner can read, and reused, so that a core started apart on
 * the same machine (or given the file) can log in. There is no default password on purpose.
 */
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { randomAlphanumeric } from './ids.ts';

const GENERATED_LENGTH = 32;

export function loadSystemPassword(
  file: string,
  configured?: string,
): { password: string; isGenerated: boolean } {
  if (configured !== undefined && configured !== '') return { password: configured, isGenerated: false };
  if (fs.existsSync(file)) {
    // A secret others can read is no secret: an older or copied file is tightened (#12).
    if (fs.statSync(file).mode & 0o077) fs.chmodSync(file, 0o600);
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored !== '') return { password: stored, isGenerated: true };
  }
  const password = randomAlphanumeric(GENERATED_LENGTH);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { password, isGenerated: true };
}

/** Compares in constant time, so response timing tells nothing about the secret. */
export function isSamePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
