/**
 * The node's metrics in Prometheus's text format (prom-client), each fed from one place in the
 * composition root: sessions by transport, sign-ins, notification deliveries and their latency,
 * REST requests by resource and status with their latency (Finesse's per-API statistics), the CTI
 * link, its heartbeat round trip and its messages by type, the store's latency, and Node's own
 * metrics (event-loop lag among them). One registry per node, so several nodes in one test process
 * do not mix. Observing is a counter increment or a histogram bucket: cheap on the hot paths.
 */
import client from 'prom-client';

/** Seconds; REST requests and store calls are mostly sub-millisecond, a slow one is 100 ms+. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Label values a client could invent (paths) are bounded: the rest count as `other`. */
const MAX_RESOURCES = 100;

export interface NodeGauges {
  sessionsByTransport(): Record<string, number>;
  /** Desktops signed in (bound XMPP sessions of users, not system accounts). */
  signedIn(): number;
  isCtiUp(): boolean;
}

export interface Metrics {
  readonly registry: client.Registry;
  signIn(door: string, method: string, result: string): void;
  published(deliveries: number, seconds: number): void;
  restRequest(method: string, path: string, status: number, seconds: number): void;
  ctiMessage(direction: 'sent' | 'received', type: string): void;
  heartbeatRoundTrip(seconds: number): void;
  storeCall(operation: string, seconds: number): void;
  render(): Promise<{ contentType: string; body: string }>;
  stop(): void;
}

export function createMetrics(gauges: NodeGauges): Metrics {
  const registry = new client.Registry();
  const registers = [registry];
  client.collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });

  new client.Gauge({
    name: 'switchboard_xmpp_sessions',
    help: 'Open XMPP sessions (desktops and other clients) by transport',
    labelNames: ['transport'],
    registers,
    collect() {
      this.reset();
      for (const [transport, n] of Object.entries(gauges.sessionsByTransport())) this.set({ transport }, n);
    },
  });
  new client.Gauge({
    name: 'switchboard_desktops_signed_in',
    help: 'Users with a bound XMPP session on this node',
    registers,
    collect() {
      this.set(gauges.signedIn());
    },
  });
  new client.Gauge({
    name: 'switchboard_cti_link_up',
    help: '1 while the CTI link is open (OPEN_CONF received), else 0',
    registers,
    collect() {
      this.set(gauges.isCtiUp() ? 1 : 0);
    },
  });
  const signIns = new client.Counter({
    name: 'switchboard_sign_ins_total',
    help: 'Sign-in attempts by door (rest, xmpp), method (password, scram, token) and result',
    labelNames: ['door', 'method', 'result'],
    registers,
  });
  const deliveries = new client.Counter({
    name: 'switchboard_notification_deliveries_total',
    help: 'Pubsub items handed to subscribers’ sessions',
    registers,
  });
  const publishSeconds = new client.Histogram({
    name: 'switchboard_notification_publish_seconds',
    help: 'From an update of core to its hand-off to every subscribed session (render, route, send)',
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const restRequests = new client.Counter({
    name: 'switchboard_rest_requests_total',
    help: 'REST API requests by resource, method and status',
    labelNames: ['resource', 'method', 'status'],
    registers,
  });
  const restSeconds = new client.Histogram({
    name: 'switchboard_rest_request_seconds',
    help: 'REST API request latency by resource and method',
    labelNames: ['resource', 'method'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const ctiMessages = new client.Counter({
    name: 'switchboard_cti_messages_total',
    help: 'GED-188 messages by direction and type',
    labelNames: ['direction', 'type'],
    registers,
  });
  const heartbeat = new client.Histogram({
    name: 'switchboard_cti_heartbeat_round_trip_seconds',
    help: 'HEARTBEAT_REQ to HEARTBEAT_CONF',
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const storeSeconds = new client.Histogram({
    name: 'switchboard_store_operation_seconds',
    help: 'Configuration store calls by operation',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers,
  });

  const restChildren = new Map<
    string,
    { count: ReturnType<typeof restRequests.labels>; latency: ReturnType<typeof restSeconds.labels> }
  >();
  const resources = new Set<string>();
  const resourceOf = (path: string) => {
    const r = restResource(path);
    if (resources.has(r)) return r;
    if (resources.size >= MAX_RESOURCES) return 'other';
    resources.add(r);
    return r;
  };

  return {
    registry,
    signIn: (door, method, result) => signIns.inc({ door, method, result }),
    published(n, seconds) {
      deliveries.inc(n);
      publishSeconds.observe(seconds);
    },
    restRequest(method, path, status, seconds) {
      const resource = resourceOf(path);
      // Children by their labels, kept: prom-client would hash the label set on every call.
      const key = `${resource} ${method} ${status}`;
      let child = restChildren.get(key);
      if (!child) {
        child = {
          count: restRequests.labels(resource, method, String(status)),
          latency: restSeconds.labels(resource, method),
        };
        restChildren.set(key, child);
      }
      child.count.inc();
      child.latency.observe(seconds);
    },
    ctiMessage: (direction, type) => ctiMessages.inc({ direction, type }),
    heartbeatRoundTrip: (seconds) => heartbeat.observe(seconds),
    storeCall: (operation, seconds) => storeSeconds.observe({ operation }, seconds),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    stop() {
      registry.clear();
    },
  };
}

/**
 * `/finesse/api/User/2001/Dialogs?x` → `User/{id}/Dialogs`: Finesse paths alternate a resource
 * name and an id. A segment that does not look like a resource name makes the path `other`.
 */
export function restResource(path: string): string {
  const rest = path.split('?')[0].replace(/^\/finesse\/api\/?/, '');
  const parts = rest.split('/').filter(Boolean);
  if (parts.length === 0) return '/';
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 1) out.push('{id}');
    else if (/^[A-Z][A-Za-z]{1,40}$/.test(parts[i])) out.push(parts[i]);
    else return 'other';
  }
  return out.join('/');
}
