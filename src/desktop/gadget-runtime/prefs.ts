/// <reference lib="dom" />
/**
 * `gadgets.Prefs` (setprefs, gadgets.md §B): every Finesse pref the container passes as `up_<name>`
 * (declared or not — most gadgets read `host`, `scheme`, `locale` … without declaring them), the
 * spec's `<UserPref>` defaults, values a gadget `set()` (kept in the browser, per user and gadget
 * URL), and `getMsg` from the `<Locale>` bundle. Credentials finesse.js writes as prefs
 * (`authorization`, `authToken`) stay in this tab's sessionStorage, never in localStorage.
 */

const SESSION_ONLY = new Set(['authorization', 'authtoken', 'password']);

export interface PrefsSource {
  /** The iframe's query: `up_<name>` values. */
  query: URLSearchParams;
  defaults: Record<string, string>;
  messages: Record<string, string>;
  /** Spec URL: the key prefs are kept under (with the user id). */
  url: string;
}

function storageFor(key: string): Storage | undefined {
  try {
    return SESSION_ONLY.has(key.toLowerCase()) ? sessionStorage : localStorage;
  } catch {
    return undefined; // storage disabled
  }
}

export function createPrefsClass(src: PrefsSource) {
  const scope = `switchboard.gadgetPrefs.${src.query.get('up_id') ?? ''}.${src.url}`;
  const memory = new Map<string, string>();

  const stored = (key: string): string | undefined => {
    if (memory.has(key)) return memory.get(key);
    try {
      return storageFor(key)?.getItem(`${scope}.${key}`) ?? undefined;
    } catch {
      return undefined;
    }
  };

  return class Prefs {
    getString(key: string): string {
      return stored(key) ?? src.query.get(`up_${key}`) ?? src.defaults[key] ?? '';
    }

    getInt(key: string): number {
      const n = Number.parseInt(this.getString(key), 10);
      return Number.isNaN(n) ? 0 : n;
    }

    getFloat(key: string): number {
      const n = Number.parseFloat(this.getString(key));
      return Number.isNaN(n) ? 0 : n;
    }

    getBool(key: string): boolean {
      const v = this.getString(key).toLowerCase();
      return v === 'true' || v === '1';
    }

    getArray(key: string): string[] {
      const v = this.getString(key);
      return v ? v.split('|') : [];
    }

    /** Missing keys give '' (falsy): the samples write `getMsg(k) || k`. */
    getMsg(key: string): string {
      return src.messages[key] ?? '';
    }

    getLang(): string {
      return (this.getString('locale') || 'en_US').split('_')[0];
    }

    getCountry(): string {
      return (this.getString('locale') || 'en_US').split('_')[1] ?? '';
    }

    getModuleId(): string {
      return src.query.get('mid') ?? '0';
    }

    /** `set(key, value)` or `set(k1, v1, k2, v2, …)`. */
    set(...args: unknown[]): void {
      for (let i = 0; i + 1 < args.length; i += 2) {
        const key = String(args[i]);
        const value = args[i + 1] === undefined || args[i + 1] === null ? '' : String(args[i + 1]);
        memory.set(key, value);
        try {
          storageFor(key)?.setItem(`${scope}.${key}`, value);
        } catch {
          // quota or storage disabled: the value lives for this page only
        }
      }
    }

    setArray(key: string, values: unknown[]): void {
      this.set(key, values.map(String).join('|'));
    }
  };
}
