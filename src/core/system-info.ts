import type { CtiMaintenanceMode, MaintenanceState, NodeInfo, SystemInfo } from './model.ts';

/** What SystemInfo shows of the CTI link; the composition root reads it from the CTI client. */
export interface CtiLinkFacts {
  /** The configured CTI servers (sides A, B), `connectedAt` (epoch ms) on the one in session. */
  servers: readonly { host: string; port: number; connectedAt?: number }[];
  /** Epoch ms of the last heartbeat the CTI server answered. */
  lastHeartbeatAt?: number;
  /** The CTI server's maintenance handshake, from its request until a session is open again. */
  maintenance?: { mode: CtiMaintenanceMode; since: number };
}

/** The ports a desktop reaches this node on: SystemInfo's node `httpsPort`, `xmppPort`, `xmppSecurePort`. */
export interface NodePorts {
  httpsPort?: number;
  xmppPort?: number;
  xmppSecurePort?: number;
}

export interface SystemInfoFacts {
  now: number;
  system: {
    xmppDomain: string;
    deploymentType?: 'UCCE' | 'UCCX';
    peripheralId: number;
    ctiVersion: number;
    ctiHeartbeatInterval: number;
  };
  /** The nodes SystemInfo names: the pair first, then (cluster mode) the other live ones. */
  hosts: readonly string[];
  isCluster: boolean;
  isCtiUp: boolean;
  isPeripheralOnline: boolean;
  link?: CtiLinkFacts;
  ports?: NodePorts;
  /** This node's maintenance mode, once begun (app/maintenance.ts). */
  maintenance?: { state: MaintenanceState; since: number };
}

/**
 * SystemInfo (Finesse developer guide, "SystemInfo" and its API parameters): `status` is
 * IN_SERVICE with a CTI session to an online peripheral, PARTIAL_SERVICE while the CTI server is
 * up but its peripheral offline ("If Finesse is in PARTIAL_SERVICE or OUT_OF_SERVICE, it returns
 * 503 for all requests", Cisco Finesse API Errors), OUT_OF_SERVICE without a session. The nodes
 * carry this node's ports (a pair is configured alike: the secondary is shown with the same, a
 * **Choice**); `ctiServers` lists the sides with `connectedDuration` in seconds and `active`;
 * `license` is empty, as Finesse shows it on Unified CCE ("blank for Unified CCE deployments").
 * `ctiMMode`/`ctiTimeInMMode` and `finesseMMode`/`finesseTimeInMMode` are sent only while the CTI
 * server, or this node, is in maintenance (the guide's samples have none otherwise).
 */
export function systemInfoOf(f: SystemInfoFacts): SystemInfo {
  const { system: s } = f;
  // In maintenance the node says OUT_OF_SERVICE: one of the desktop's failover triggers (§4).
  const status =
    !f.isCtiUp || f.maintenance ? 'OUT_OF_SERVICE' : f.isPeripheralOnline ? 'IN_SERVICE' : 'PARTIAL_SERVICE';
  const node = (host: string): NodeInfo => ({ host, ...f.ports });
  return {
    currentTimestamp: new Date(f.now).toISOString(),
    deploymentType: s.deploymentType ?? 'UCCE',
    status,
    statusReason: !f.isCtiUp
      ? 'CTI_CONNECTION_DOWN'
      : f.maintenance
        ? 'MAINTENANCE_MODE'
        : status === 'PARTIAL_SERVICE'
          ? 'PERIPHERAL_OFFLINE'
          : undefined,
    lastCTIHeartbeatStatus: f.isCtiUp ? 'success' : 'failure',
    lastSuccessCTIHeartbeatTime: f.link?.lastHeartbeatAt,
    ctiVersion: s.ctiVersion,
    ctiHeartbeatInterval: s.ctiHeartbeatInterval,
    license: '',
    peripheralId: s.peripheralId,
    primaryNode: node(f.hosts[0]),
    secondaryNode: f.hosts[1] ? node(f.hosts[1]) : undefined,
    ...(f.isCluster && { nodes: f.hosts.map((host) => ({ host })) }),
    timezoneOffset: -new Date(f.now).getTimezoneOffset(),
    xmppDomain: s.xmppDomain,
    xmppPubSubDomain: `pubsub.${s.xmppDomain}`,
    ctiServers: f.link?.servers.map((c) => ({
      host: c.host,
      connectedDuration:
        c.connectedAt === undefined ? 0 : Math.max(0, Math.floor((f.now - c.connectedAt) / 1000)),
      active: f.isCtiUp && c.connectedAt !== undefined,
    })),
    ...(f.link?.maintenance && {
      ctiMMode: f.link.maintenance.mode,
      ctiTimeInMMode: Math.max(0, Math.floor((f.now - f.link.maintenance.since) / 1000)),
    }),
    ...(f.maintenance && {
      finesseMMode: f.maintenance.state,
      finesseTimeInMMode: Math.max(0, Math.floor((f.now - f.maintenance.since) / 1000)),
    }),
  };
}
