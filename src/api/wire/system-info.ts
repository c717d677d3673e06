import { type NodeInfo, nodes, type SystemInfo } from '../../core/index.ts';
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
 * `lastSuccessCTIHeartbeatTime` is epoch milliseconds ("Integer"; the unit is a **Choice**), empty
 * before the first session.
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
    field('lastSuccessCTIHeartbeatTime', info.lastSuccessCTIHeartbeatTime ?? ''),
    field('ctiVersion', info.ctiVersion),
    field('ctiHeartbeatInterval', info.ctiHeartbeatInterval),
    // The CTI server's maintenance, then this node's (app/maintenance.ts): the 12.6 order.
    info.ctiMMode !== undefined && field('ctiMMode', info.ctiMMode),
    info.ctiTimeInMMode !== undefined && field('ctiTimeInMMode', info.ctiTimeInMMode),
    info.finesseMMode !== undefined && field('finesseMMode', info.finesseMMode),
    info.finesseTimeInMMode !== undefined && field('finesseTimeInMMode', info.finesseTimeInMMode),
    info.license !== undefined && field('license', info.license),
    field('peripheralId', info.peripheralId),
    buildNode('primaryNode', info.primaryNode),
    buildNode('secondaryNode', info.secondaryNode ?? { host: '' }),
    field('status', info.status),
    info.statusReason !== undefined && field('statusReason', info.statusReason),
    field('systemAuthMode', SYSTEM_AUTH_MODE),
    field('timezoneOffset', info.timezoneOffset),
    field('uri', nodes.systemInfo),
    field('xmppDomain', info.xmppDomain),
    field('xmppPubSubDomain', info.xmppPubSubDomain),
    info.ctiServers &&
      el(
        'ctiServers',
        {},
        ...info.ctiServers.map((c) =>
          el(
            'ctiServer',
            {},
            field('host', c.host),
            field('connectedDuration', c.connectedDuration),
            field('active', c.active),
          ),
        ),
      ),
    // Cluster mode (docs/cluster.md): every node a desktop may fail over to, in order of preference.
    info.nodes && el('nodes', {}, ...info.nodes.map((n) => el('node', {}, field('host', n.host)))),
  );
}

/** `<primaryNode>`/`<secondaryNode>`: host, then httpsPort, xmppPort, xmppSecurePort when known. */
function buildNode(name: string, node: NodeInfo): XmlElement {
  return el(
    name,
    {},
    field('host', node.host),
    node.httpsPort !== undefined && field('httpsPort', node.httpsPort),
    node.xmppPort !== undefined && field('xmppPort', node.xmppPort),
    node.xmppSecurePort !== undefined && field('xmppSecurePort', node.xmppSecurePort),
  );
}

export function renderSystemInfo(info: SystemInfo, options: SystemInfoOptions = {}): string {
  return buildSystemInfo(info, options).toString();
}
