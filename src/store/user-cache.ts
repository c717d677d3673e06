import type { UserConfig } from '../core/model.ts';
import type { ConfigChange } from './config-types.ts';

/**
 * Users as last read from the database, with their credential epochs, kept until a change says
 * otherwise. Every request and sign-in reads its user (permission checks, the REST reload, the
 * session token's epoch): on PostgreSQL that was seven queries a desktop when 2,000 desktops moved
 * to a surviving node at once (#15), a third of the survivor's CPU for the storm.
 *
 * Correct because every write of a users or teams row goes through the store and is dispatched as a
 * change before the write resolves (SQLite after COMMIT; PostgreSQL through the change log, which
 * also brings other nodes' writes, and what was missed while LISTEN was down). A read that began
 * before a change and ends after it is not kept (`generation`): it may hold the old row.
 *
 * On SQLite another process's writes (`switchboard user passwd` beside a running node) come through
 * the change log within the store's poll; `othersWrote` (PRAGMA data_version) makes them count at
 * once: after a commit by another connection everything is read again. Not kept: unknown names (a stranger cannot fill memory with misses). On
 * PostgreSQL, rows edited by hand in SQL, outside any store, are not seen until the next change of
 * that user or a restart — the same holds for the configuration core's directory.
 */
export class UserCache {
  readonly #byId = new Map<string, { config: UserConfig; epoch: number }>();
  /** Lower-case login name → login id. */
  readonly #byName = new Map<string, string>();
  /**
   * Every user id, when a whole list was read and no user was created or deleted unseen since:
   * only then may a name be answered from memory (Finesse looks the login id up first, and a
   * name must not shadow an id the cache has not read).
   */
  #ids: Set<string> | undefined;
  #generation = 0;
  readonly #othersWrote: (() => boolean) | undefined;

  /** `othersWrote`: true when another process committed to the database since it was last asked. */
  constructor(othersWrote?: () => boolean) {
    this.#othersWrote = othersWrote;
  }

  /** A counter taken before a read: `remember` keeps the read only if no change came meanwhile. */
  get generation(): number {
    return this.#generation;
  }

  get(idOrName: string): UserConfig | undefined {
    this.#checkOthers();
    const byId = this.#byId.get(idOrName);
    if (byId) return byId.config;
    if (!this.#ids || this.#ids.has(idOrName)) return undefined;
    const id = this.#byName.get(idOrName.toLowerCase());
    return id === undefined ? undefined : this.#byId.get(id)?.config;
  }

  epoch(userId: string): number | undefined {
    this.#checkOthers();
    return this.#byId.get(userId)?.epoch;
  }

  /** Keeps one user read at `generation`; returns it frozen (callers share it). */
  remember(generation: number, config: UserConfig, epoch: number): UserConfig {
    const frozen = freeze(config);
    if (generation !== this.#generation) return frozen;
    const old = this.#byId.get(frozen.id);
    if (old) this.#byName.delete(old.config.loginName.toLowerCase());
    this.#byId.set(frozen.id, { config: frozen, epoch });
    this.#byName.set(frozen.loginName.toLowerCase(), frozen.id);
    return frozen;
  }

  /** Keeps a whole list of users read at `generation` (every user there is). */
  rememberAll(generation: number, users: readonly { config: UserConfig; epoch: number }[]): UserConfig[] {
    const kept = users.map((u) => this.remember(generation, u.config, u.epoch));
    if (generation === this.#generation) this.#ids = new Set(kept.map((u) => u.id));
    return kept;
  }

  /** A committed change (this node's or another's): what it may have touched is read again. */
  changed(change: Pick<ConfigChange, 'kind' | 'op' | 'id'>): void {
    if (change.kind === 'user') {
      this.#generation++;
      this.#forget(change.id);
      if (change.op === 'create') this.#ids?.add(change.id);
      if (change.op === 'delete') this.#ids?.delete(change.id);
    } else if (change.kind === 'team') {
      // Team names and supervisors are part of every user read: all go (the ids stay valid).
      this.#generation++;
      this.#byId.clear();
      this.#byName.clear();
    }
  }

  /** Everything goes, the list of ids too (a bulk import, which reports no user changes). */
  clear(): void {
    this.#generation++;
    this.#byId.clear();
    this.#byName.clear();
    this.#ids = undefined;
  }

  #checkOthers(): void {
    if (this.#othersWrote?.()) this.clear();
  }

  #forget(id: string): void {
    const old = this.#byId.get(id);
    if (!old) return;
    this.#byId.delete(id);
    this.#byName.delete(old.config.loginName.toLowerCase());
  }
}

function freeze(u: UserConfig): UserConfig {
  if (Object.isFrozen(u)) return u;
  Object.freeze(u.roles);
  for (const t of u.supervisedTeams) Object.freeze(t);
  Object.freeze(u.supervisedTeams);
  return Object.freeze(u);
}
