/**
 * Cluster mode's wiring (docs/cluster.md): how this node names itself to the others, and the
 * store's connection events as webservices log lines.
 */
import type { Core } from '../core/index.ts';
import { Severity, type WebservicesLog } from '../logs/index.ts';
import type { ConfigStore, StoreEvent } from '../store/index.ts';

/** The standard HTTP port: a bare host name in SystemInfo means the desktop's own ports. */
const STANDARD_HTTP_PORT = 8082;

/**
 * `nodeHost` as the others list it: as given when it names a port, or the node serves the
 * standard one; else with `:httpPort`, so that several nodes of one machine (tests, a lab) are told
 * apart.
 */
export function registeredHost(nodeHost: string, httpPort: number): string {
  const hasPort = /^(\[[^\]]+\]|[^:]+):\d+$/.test(nodeHost);
  if (hasPort || httpPort === STANDARD_HTTP_PORT) return nodeHost;
  return `${nodeHost}:${httpPort}`;
}

const THREAD = 'DBConnection';

/** One line per fault and per recovery of the configuration database, in the seed's shape. */
export function logStoreEvent(log: WebservicesLog, e: StoreEvent): void {
  switch (e.type) {
    case 'unavailable':
      log.error(
        THREAD,
        'DB_CONNECTION_LOST',
        { error: e.error },
        'The configuration database does not answer; agent state and calls go on from memory, configuration changes are refused (503)',
      );
      return;
    case 'available':
      log.info(
        THREAD,
        'DB_CONNECTION_RESTORED',
        { down_ms: e.downMs },
        'The configuration database answers again',
      );
      return;
    case 'listen-lost':
      log.log(
        THREAD,
        Severity.WARNING,
        'DB_LISTEN_LOST',
        { error: e.error, attempt: e.attempt, retry_in_ms: e.retryInMs },
        'The LISTEN connection for configuration changes is gone; reconnecting',
      );
      return;
    case 'listen-restored':
      log.info(
        THREAD,
        'DB_LISTEN_RESTORED',
        { down_ms: e.downMs, caught_up: e.caughtUp, last_change: e.lastSeq },
        'Listening for configuration changes again; the changes missed meanwhile were read from the change log',
      );
      return;
  }
}

/**
 * The store as the REST API reads it: users through core's memory when the database does not
 * answer, so that a desktop whose credentials the sign-in service still holds (verified before the
 * outage) keeps being served.
 */
export function withMemoryFallback(store: ConfigStore, core: Core): ConfigStore {
  return { ...store, getUser: (idOrLoginName) => core.userConfig(idOrLoginName) };
}
