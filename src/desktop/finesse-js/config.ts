// biome-ignore-all lint/suspicious/noExplicitAny: a plain object, as finesse.js builds it
/**
 * `finesse.gadget.Config` (gadgets.md §C.1): a plain object filled once, when finesse.js loads,
 * from the prefs the container passes; `authorization` from sessionStorage. `id` and `password`
 * are added by `ClientServices.init(config)`.
 */
import { g } from './gadgets-api.ts';
import { Utilities } from './utilities.ts';

const STRINGS = [
  'country',
  'language',
  'locale',
  'host',
  'hostPort',
  'extension',
  'mobileAgentMode',
  'mobileAgentDialNumber',
  'xmppDomain',
  'pubsubDomain',
  'restHost',
  'scheme',
  'localhostFQDN',
  'localhostPort',
  'teamId',
  'teamName',
  'compatibilityMode',
  'peripheralId',
] as const;

export function buildConfig(): Record<string, any> {
  const config: Record<string, any> = {};
  const Prefs = g()?.Prefs;
  const prefs = Prefs ? new Prefs() : undefined;
  for (const k of STRINGS) config[k] = prefs ? prefs.getString(k) : '';
  config.clientDriftInMillis = prefs ? prefs.getInt('clientDriftInMillis') : 0;
  config.authorization = Utilities.getUserAuthString();
  config.systemAuthMode = 'NON_SSO';
  return config;
}
