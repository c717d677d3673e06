import {
  type ApiError,
  type CoreApi,
  type Result,
  type User,
  type UserAccess,
  type UserConfig,
  userAccess,
} from '../core/index.ts';
import { apiError } from './errors.ts';

/** Who may use a route on a user: see finesse-api.md §1.1 (A self, S team agents, Adm reads). */
export type AccessPolicy = readonly Exclude<UserAccess, 'none'>[];

export const READ_USER: AccessPolicy = ['self', 'supervisor', 'administrator'];
export const ACT_FOR_USER: AccessPolicy = ['self', 'supervisor'];

/**
 * The user addressed by `{id}` (login id or login name), if the caller may reach it under
 * `policy`. A plain agent is told only "not you" (401), never whether another id exists; those who
 * may look at other users get 404 for an unknown one.
 */
export async function resolveTarget(
  core: CoreApi,
  caller: UserConfig,
  id: string,
  policy: AccessPolicy,
): Promise<Result<User, ApiError>> {
  const user = await core.getUser(id);
  const isPrivileged = caller.roles.includes('Supervisor') || caller.roles.includes('Administrator');
  if (!user) {
    return { ok: false, error: apiError(isPrivileged ? 'user-not-found' : 'invalid-authorization-user', id) };
  }
  const access = userAccess(caller, user);
  if (access !== 'none' && policy.includes(access)) return { ok: true, value: user };
  const code = caller.roles.includes('Supervisor') ? 'invalid-supervisor' : 'invalid-authorization-user';
  return { ok: false, error: apiError(code, id) };
}
