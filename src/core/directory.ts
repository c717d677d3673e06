import type { Timers } from '../clock/index.ts';
import type { WebservicesLog } from '../logs/index.ts';
import {
  type DeskSettings,
  deskSettings,
  eccVariableConfig,
  fromStored,
  pickDeskSettings,
  SINGLETON_ID,
} from '../resources/index.ts';
import type { Store } from '../store/types.ts';
import type { EccVariable } from './dialogs/call-variables.ts';
import type { ConfigChangeNotice, ReasonCode, ReasonCodeCategory, UserConfig } from './model.ts';

export interface DirectoryOptions {
  store: Store;
  timers: Timers;
  log: WebservicesLog;
  /** After a failed read, the whole directory is read again after this, doubled up to the maximum. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** The store answered again after failing: what else was read from it meanwhile may be stale too. */
  onRecovered?(): void;
}

/**
 * The configuration core needs to turn CTI events into User updates — users, their teams and the
 * reason codes they may use — kept in memory, so that agent and call state never waits on the
 * store (DESIGN.md): a CTI event is applied at once from here, whatever the database does.
 *
 * Requests read through it: the store's answer when there is one (and it is remembered), the last
 * one when the store fails. After a failed read, and after any change notice that may touch it,
 * the whole directory is read again (retrying with backoff until the store answers), so a node
 * that lived through an outage re-reads what it needs by itself.
 */
export class Directory {
  readonly #o: DirectoryOptions;
  readonly #users = new Map<string, UserConfig>();
  readonly #ids = new Map<string, string>();
  #codes: ReasonCode[] = [];
  #teamCodes = new Map<string, ReasonCode[]>();
  #desk: readonly { id: string; body: unknown }[] = [];
  #ecc: readonly EccVariable[] = [];
  #isLoaded = false;
  #loading: Promise<void> | undefined;
  #again = false;
  #retry: unknown;
  #retryMs: number;
  #isStale = false;
  #closed = false;
  readonly #firstLoad: Promise<void>;

  constructor(options: DirectoryOptions) {
    this.#o = options;
    this.#retryMs = options.retryMinMs ?? 1000;
    this.#firstLoad = this.refresh();
  }

  /** Resolves once the first read has been tried (it may have failed: see `isLoaded`). */
  ready(): Promise<void> {
    return this.#firstLoad;
  }

  get isLoaded(): boolean {
    return this.#isLoaded;
  }

  // ---- memory only (CTI events) ----

  /** A user by login id or login name, as last read. */
  userNow(idOrLoginName: string): UserConfig | undefined {
    const id = this.#ids.get(idOrLoginName.toLowerCase()) ?? idOrLoginName;
    return this.#users.get(id);
  }

  /** The codes of a category a user may use (its team's, or all when teams are unknown), as last read. */
  codesNow(config: UserConfig, category: ReasonCodeCategory): ReasonCode[] {
    const own = this.#teamCodes.get(config.teamId);
    return (own ?? this.#codes).filter((c) => c.category === category);
  }

  allCodesNow(category: ReasonCodeCategory): ReasonCode[] {
    return this.#codes.filter((c) => c.category === category);
  }

  /** The configured ECC variables (ECCVariableConfig), as last read. */
  eccNow(): readonly EccVariable[] {
    return this.#ecc;
  }

  /** The user's agent desk settings (src/resources/desk-settings.ts), as last read. */
  deskSettingsNow(config: Pick<UserConfig, 'id' | 'teamId'>): DeskSettings {
    return pickDeskSettings(this.#desk, config);
  }

  // ---- read-through (requests) ----

  getUser(idOrLoginName: string): Promise<UserConfig | undefined> {
    return this.#readThrough(
      this.#o.store.getUser(idOrLoginName),
      () => this.userNow(idOrLoginName),
      (u) => u && this.#remember(u),
    );
  }

  teamReasonCodes(config: UserConfig, category: ReasonCodeCategory): Promise<ReasonCode[]> {
    const { store } = this.#o;
    return this.#readThrough(
      store.listTeamReasonCodes
        ? store.listTeamReasonCodes(config.teamId, category)
        : store.listReasonCodes(category),
      () => this.codesNow(config, category),
    );
  }

  deskSettings(config: Pick<UserConfig, 'id' | 'teamId'>): Promise<DeskSettings> {
    const { store } = this.#o;
    if (!store.listDocuments) return Promise.resolve(this.deskSettingsNow(config));
    return this.#readThrough(
      store.listDocuments(deskSettings.kind),
      () => this.#desk,
      (docs) => {
        this.#desk = docs;
      },
    ).then((docs) => pickDeskSettings(docs, config));
  }

  listReasonCodes(category: ReasonCodeCategory): Promise<ReasonCode[]> {
    return this.#readThrough(this.#o.store.listReasonCodes(category), () => this.allCodesNow(category));
  }

  // ---- keeping it current ----

  /** A configuration change on any node: users, teams and reason codes are read again. */
  onConfigChange(change: ConfigChangeNotice): void {
    if (['user', 'team', 'reasonCode', deskSettings.kind, eccVariableConfig.kind].includes(change.kind))
      void this.refresh();
  }

  /** Reads everything again; calls made meanwhile share one further read. Never rejects. */
  refresh(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    const run = async () => {
      try {
        do {
          this.#again = false;
          await this.#load();
        } while (this.#again && !this.#closed);
      } catch (e) {
        this.#failed(e);
      } finally {
        this.#loading = undefined;
      }
    };
    this.#loading = run();
    return this.#loading;
  }

  close(): void {
    this.#closed = true;
    if (this.#retry !== undefined) this.#o.timers.clearTimeout(this.#retry);
  }

  async #load(): Promise<void> {
    const { store } = this.#o;
    const [users, codes, desk, ecc] = await Promise.all([
      store.listUsers(),
      store.listReasonCodes(),
      store.listDocuments?.(deskSettings.kind) ?? [],
      store.listDocuments?.(eccVariableConfig.kind) ?? [],
    ]);
    const teamCodes = new Map<string, ReasonCode[]>();
    if (store.listTeamReasonCodes) {
      const teams = [...new Set(users.map((u) => u.teamId).filter(Boolean))];
      const lists = await Promise.all(teams.map((t) => store.listTeamReasonCodes?.(t) ?? []));
      for (const [i, t] of teams.entries()) teamCodes.set(t, lists[i]);
    }
    this.#users.clear();
    this.#ids.clear();
    for (const u of users) this.#remember(u);
    this.#codes = codes;
    this.#teamCodes = teamCodes;
    this.#desk = desk;
    this.#ecc = fromStored(eccVariableConfig.fields, ecc.find((d) => d.id === SINGLETON_ID)?.body).variables;
    this.#isLoaded = true;
    this.#retryMs = this.#o.retryMinMs ?? 1000;
    if (this.#isStale) {
      this.#isStale = false;
      this.#o.log.info(
        'DirectoryReload',
        'DB_RELOADED',
        { users: users.length, reason_codes: codes.length },
        'Configuration read again from the database after it failed',
      );
      this.#o.onRecovered?.();
    }
  }

  #remember(u: UserConfig): void {
    this.#users.set(u.id, u);
    this.#ids.set(u.loginName.toLowerCase(), u.id);
  }

  /** The store's answer (remembered), or when the store fails what memory holds, if anything. */
  #readThrough<T>(
    read: Promise<T>,
    fromMemory: () => T | undefined,
    remember?: (value: T) => void,
  ): Promise<T> {
    return read.then(
      (value) => {
        remember?.(value);
        return value;
      },
      (e: unknown) => {
        this.#failed(e);
        const kept = this.#isLoaded ? fromMemory() : undefined;
        if (kept === undefined) throw e;
        return kept;
      },
    );
  }

  /** A read failed: answer from memory meanwhile, and read everything again once the store is back. */
  #failed(e: unknown): void {
    if (this.#closed || this.#retry !== undefined) return;
    if (!this.#isStale) {
      this.#isStale = true;
      this.#o.log.error(
        'DirectoryReload',
        'DB_RUNTIME_EXCEPTION',
        { object: 'Directory' },
        `${e instanceof Error ? e.message : String(e)}; serving configuration from memory`,
      );
    }
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, this.#o.retryMaxMs ?? 15_000);
    this.#retry = this.#o.timers.setTimeout(() => {
      this.#retry = undefined;
      void this.refresh();
    }, delay);
  }
}
