/**
 * What a running node says about itself: readiness (/health/ready) and its status (/status, which
 * `switchboard status` prints like the appliance's `utils service list`): each component, its
 * ports, its state, the sessions it holds, the desktops signed in, the CTI link.
 */
import type { IncomingMessage } from 'node:http';
import type { NotifyServer } from '../notify/index.ts';
import type { ConfigStore } from '../store/index.ts';

/** A store that has not answered in this long is not ready. */
const STORE_TIMEOUT_MS = 2000;

export interface ComponentStatus {
  name: string;
  state: 'running' | 'stopped' | 'degraded';
  ports: number[];
  detail?: string;
}

export interface NodeStatus {
  node: string;
  version: string;
  startedAt: string;
  inService: boolean;
  maintenance?: unknown;
  desktopsSignedIn: number;
  sessions: Record<string, number>;
  cti: { isUp: boolean; servers: string[] };
  components: ComponentStatus[];
}

export interface StatusParts {
  node: string;
  version: string;
  startedAt: number;
  store: ConfigStore;
  storeKind: string;
  notify: NotifyServer;
  isCtiUp(): boolean;
  ctiServers(): string[];
  isInService(): boolean;
  /** The HTTP(S) listeners of the web services: port and whether it listens. */
  webListeners(): { port: number; isListening: boolean }[];
  simulator(): { ports: number[]; isRunning: boolean } | undefined;
  maintenance(): unknown;
  isInMaintenance(): boolean;
}

export function createNodeStatus(p: StatusParts) {
  const storeProblem = async (): Promise<string | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(
        () => resolve(`store did not answer within ${STORE_TIMEOUT_MS} ms`),
        STORE_TIMEOUT_MS,
      );
    });
    try {
      // Any read reaches the database; an id no user can have keeps it cheap.
      return await Promise.race([p.store.getUser('-readiness-probe-').then(() => undefined), timeout]);
    } catch (e) {
      return `store unavailable (${(e as Error).message})`;
    } finally {
      clearTimeout(timer);
    }
  };

  async function problems(): Promise<string[]> {
    const out: string[] = [];
    const store = await storeProblem();
    if (store) out.push(store);
    if (!p.isCtiUp()) out.push('CTI link down');
    if (p.isInMaintenance()) out.push('in maintenance');
    const down = [
      ...p.webListeners().filter((l) => !l.isListening),
      ...p.notify.listenerStates().filter((l) => !l.isListening),
    ];
    if (down.length) out.push(`listener not listening: ${down.map((l) => l.port).join(', ')}`);
    return out;
  }

  async function status(): Promise<NodeStatus> {
    const stats = p.notify.sessionStats();
    const storeProblemNow = await storeProblem();
    const web = p.webListeners();
    const xmpp = p.notify.listenerStates();
    const sim = p.simulator();
    const state = (ok: boolean): ComponentStatus['state'] => (ok ? 'running' : 'stopped');
    const components: ComponentStatus[] = [
      {
        name: 'Webservices (REST API, desktop)',
        state: state(web.every((l) => l.isListening)),
        ports: web.map((l) => l.port),
      },
      {
        name: 'Notification service (BOSH, WebSocket, XMPP)',
        state: state(xmpp.every((l) => l.isListening)),
        ports: xmpp.map((l) => l.port),
        detail: `${stats.bound} sessions signed in`,
      },
      {
        name: 'CTI link',
        state: p.isCtiUp() ? 'running' : 'degraded',
        ports: [],
        detail: p.ctiServers().join(', '),
      },
      {
        name: `Configuration store (${p.storeKind})`,
        state: storeProblemNow ? 'degraded' : 'running',
        ports: [],
        detail: storeProblemNow,
      },
    ];
    if (sim) components.push({ name: 'CTI server simulator', state: state(sim.isRunning), ports: sim.ports });
    return {
      node: p.node,
      version: p.version,
      startedAt: new Date(p.startedAt).toISOString(),
      inService: p.isInService(),
      maintenance: p.maintenance(),
      desktopsSignedIn: stats.boundUsers,
      sessions: stats.byTransport,
      cti: { isUp: p.isCtiUp(), servers: p.ctiServers() },
      components,
    };
  }

  return { problems, status };
}

/** `Basic <base64>` → user and password, or undefined. */
export function basicCredentials(req: IncomingMessage): { user: string; password: string } | undefined {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(String(req.headers.authorization ?? ''));
  if (!m) return undefined;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}
