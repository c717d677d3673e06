/**
 * Accounts without known passwords. Outside demo mode a database with no administrator gets one,
 * `admin`, whose password is generated and written to `<data-dir>/admin.secret` (0600, like the
 * system account's); `switchboard user add|passwd` generate one the same way when none is given.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ConfigStore } from '../store/index.ts';

export const FIRST_ADMIN_ID = 'admin';
export const ADMIN_SECRET_FILE = 'admin.secret';

/** 24 characters from a 144-bit random value; letters and digits only, so any shell takes it. */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString('base64url').replaceAll('-', 'x').replaceAll('_', 'y');
}

export interface FirstAdministrator {
  id: string;
  /** Where its generated password is. */
  secretFile: string;
}

/**
 * Creates the first administrator when no user has the role; returns it then, undefined when
 * the database already has one. Another node of a cluster doing the same at once loses the
 * insert and finds the winner's account.
 */
export async function ensureAdministrator(
  store: ConfigStore,
  dataDir: string,
): Promise<FirstAdministrator | undefined> {
  const users = await store.listUsers();
  if (users.some((u) => u.roles.includes('Administrator'))) return undefined;
  const password = generatePassword();
  const created = await store.createUser({
    id: FIRST_ADMIN_ID,
    loginName: FIRST_ADMIN_ID,
    firstName: 'Switchboard',
    lastName: 'Administrator',
    password,
    roles: ['Administrator'],
  });
  if (!created.ok) {
    if ((await store.listUsers()).some((u) => u.roles.includes('Administrator'))) return undefined;
    throw new Error(`cannot create the first administrator: ${created.error.message}`);
  }
  const secretFile = path.join(dataDir, ADMIN_SECRET_FILE);
  writeSecret(secretFile, password);
  return { id: FIRST_ADMIN_ID, secretFile };
}

/** Writes a secret readable by this user only, replacing any older one. */
export function writeSecret(file: string, secret: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
}

/** The generated administrator password, when its file still holds one that works. */
export async function readAdminSecret(
  store: ConfigStore,
  dataDir: string,
): Promise<FirstAdministrator | undefined> {
  const secretFile = path.join(dataDir, ADMIN_SECRET_FILE);
  if (!fs.existsSync(secretFile)) return undefined;
  const password = fs.readFileSync(secretFile, 'utf8').trim();
  const user = password ? await store.verifyPassword(FIRST_ADMIN_ID, password) : undefined;
  return user?.roles.includes('Administrator') ? { id: FIRST_ADMIN_ID, secretFile } : undefined;
}
