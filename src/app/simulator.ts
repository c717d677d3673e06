/**
 * The bundled CTI simulator as `switchboard start` and `switchboard cti-sim` run it: a CTI server
 * drives every agent and call, and its admin API plays the whole telephone network, so both listen
 * on loopback unless told otherwise, the admin API asks for a bearer token generated into the data
 * folder, and OPEN_REQ must carry the configured ClientPassword (#12, docs/security.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AcdAgentConfig, CtiSimulatorOptions } from '../cti/index.ts';
import { loadSystemPassword } from '../notify/index.ts';
import type { Config } from './config.ts';

/** Where the generated admin token lives; `switchboard sim` reads it from there. */
export const adminTokenFile = (dataDir: string) => path.join(dataDir, 'cti-admin.token');

/** The configured admin token, else the one in `<dataDir>/cti-admin.token`, generated (0600) on first use. */
export function loadAdminToken(config: Config): string {
  // The same rules as the system account's secret: configured, or generated once and kept.
  return loadSystemPassword(adminTokenFile(config.dataDir), config.cti.adminToken).password;
}

/**
 * The token `switchboard sim` sends: configured, else read from the data folder of the node it
 * talks to. Never generated here: a token nobody else knows opens nothing.
 */
export function readAdminToken(config: Config): string | undefined {
  if (config.cti.adminToken) return config.cti.adminToken;
  try {
    return fs.readFileSync(adminTokenFile(config.dataDir), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export function simulatorOptions(
  config: Config,
  agents: readonly AcdAgentConfig[],
  trace: (line: string) => void,
): CtiSimulatorOptions {
  return {
    host: config.cti.simulatorHost,
    port: config.cti.simulatorPort,
    adminHost: config.cti.simulatorAdminHost,
    adminPort: config.cti.simulatorAdminPort,
    adminToken: loadAdminToken(config),
    clientPassword: config.cti.clientPassword,
    peripheralId: config.cti.peripheralId,
    agents,
    trace,
  };
}

/** How this node's CTI client reaches its own simulator: a wildcard address is reached on loopback. */
export function simulatorSide(config: Config, port: number): { host: string; port: number } {
  const host = config.cti.simulatorHost;
  return { host: host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host, port };
}
