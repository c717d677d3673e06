import { nodes, type SystemInfo } from '../../core/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';

// Switchboard authenticates with HTTP Basic only; finesse.js reads this to choose its sign-in page.
const SYSTEM_AUTH_MODE = 'NON_SSO';

export interface SystemInfoOptions {
  /**
   * `GET /SystemInfo?timestamponly`: the desktop's periodic clock-drift check. The parameter is
   * marked inferred in finesse-api.md §1.2; we answer with `currentTimestamp` and
   * `timezoneOffset` only, the two fields a drift computation needs, under the usual root.
   */
  timestampOnly?: boolean;
}

/**
 * `<SystemInfo>` in the element order of finesse-api.md §1.2 (12.6 doc), restricted to what the
 * model knows. `secondaryNode` is always present; an empty host means a single-node deployment.
 */
export function buildSystemInfo(info: SystemInfo, options: SystemInfoOptions = {}): XmlElement {
  if (options.timestampOnly) {
    return el(
      'SystemInfo',
      {},
      field('currentTimestamp', info.currentTimestamp),
      field('timezoneOffset', info.timezoneOffset),
    );
  }
  return el(
    'SystemInfo',
    {},
    field('currentTimestamp', info.currentTimestamp),
    field('deploymentType', info.deploymentType),
    field('lastCTIHeartbeatStatus', info.lastCTIHeartbeatStatus),
    field('ctiVersion', info.ctiVersion),
    field('ctiHeartbeatInterval', info.ctiHeartbeatInterval),
    field('peripheralId', info.peripheralId),
    el('primaryNode', {}, field('host', info.primaryNode.host)),
    el('secondaryNode', {}, field('host', info.secondaryNode?.host ?? '')),
    field('status', info.status),
    info.statusReason !== undefined && field('statusReason', info.statusReason),
    field('systemAuthMode', SYSTEM_AUTH_MODE),
    field('timezoneOffset', info.timezoneOffset),
    field('uri', nodes.systemInfo),
    field('xmppDomain', info.xmppDomain),
    field('xmppPubSubDomain', info.xmppPubSubDomain),
    // Cluster mode (docs/cluster.md): every node a desktop may fail over to, in order of preference.
    info.nodes && el('nodes', {}, ...info.nodes.map((n) => el('node', {}, field('host', n.host)))),
  );
}

export function renderSystemInfo(info: SystemInfo, options: SystemInfoOptions = {}): string {
  return buildSystemInfo(info, options).toString();
}
