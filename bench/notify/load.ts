/**
 * The load process of `notify.bench.ts` (forked by it, one per server under test; not run by
 * hand). It holds:
 *   - the publisher: @xmpp/client signed in as the system account over XMPP/TCP, as a core running
 *     apart from the notification service publishes (Finesse's webservices through Openfire). It
 *     creates the nodes, then publishes on a schedule; publishes are written as raw stanzas and
 *     their results counted, so that 10,000 publishes/s stay cheap for this process;
 *   - the desktops: raw BOSH long-poll clients (`RawHttp`, one keep-alive socket each) that sign
 *     in (create, SASL PLAIN, restart, bind, then presence and two subscriptions: own user node and
 *     team node), then keep one request held, re-posting as soon as one is answered, as Strophe.js
 *     does.
 * Latency is measured on arrival against the send time inside each payload.
 */
import {
  clock,
  DOMAIN,
  type FromLoad,
  NS,
  NS_PUBSUB,
  percentile,
  SYSTEM_USER,
  sendTimesIn,
  type ToLoad,
  teamCount,
  teamNode,
  teamOf,
  update,
  userId,
  userNode,
} from './layout.ts';
import { RawHttp } from './raw-http.ts';
import { authenticate, type Mechanism, preferredMechanism } from './sasl-client.ts';

const send = (m: FromLoad) => process.send?.(m);

let received: number[] = [];
let counting = false;
let stopped = false;
const clients: BoshClient[] = [];

class BoshClient {
  #sid = '';
  #rid = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
  readonly #http: RawHttp;
  #subscribed = 0;
  #onSubscribed: (() => void) | undefined;

  constructor(port: number) {
    this.#http = new RawHttp('127.0.0.1', port, '/http-bind');
  }

  #body(payload = '', extra = ''): string {
    return `<body xmlns="${NS.httpbind}" sid="${this.#sid}" rid="${++this.#rid}"${extra}>${payload}</body>`;
  }

  /** Session request, SASL with `mechanism` (the best offered when undefined), restart, bind. */
  async #signIn(user: string, secret: string, mechanism?: Mechanism, resource = 'desktop'): Promise<void> {
    const created = await this.#http.post(
      `<body xmlns="${NS.httpbind}" rid="${this.#rid}" to="${DOMAIN}" xml:lang="en" wait="60" hold="1" ver="1.6" xmlns:xmpp="${NS.xbosh}" xmpp:version="1.0"/>`,
    );
    this.#sid = /sid=["']([^"']+)["']/.exec(created)?.[1] ?? '';
    // The features may come in the next answer.
    const features = created.includes('mechanism') ? created : await this.#http.post(this.#body());
    await authenticate(
      (payload) => this.#http.post(this.#body(payload)),
      mechanism ?? preferredMechanism(features),
      user,
      secret,
    );
    await this.#http.post(this.#body('', ` to="${DOMAIN}" xmpp:restart="true" xmlns:xmpp="${NS.xbosh}"`));
    const bound = await this.#http.post(
      this.#body(
        `<iq xmlns="${NS.client}" type="set" id="b"><bind xmlns="${NS.bind}"><resource>${resource}</resource></bind></iq>`,
      ),
    );
    if (!bound.includes('<jid>')) throw new Error(`bind of ${user}: ${bound}`);
  }

  /** One whole sign-in, then the session ends (the sign-in cost phase). */
  async signInAndLeave(user: string, secret: string, mechanism: Mechanism, resource: string): Promise<void> {
    try {
      await this.#signIn(user, secret, mechanism, resource);
      await this.#http.post(this.#body('', ' type="terminate"'));
    } finally {
      this.close();
    }
  }

  async login(i: number, teamSize: number): Promise<void> {
    const id = userId(i);
    await this.#signIn(id, id);
    const jid = `${id}@${DOMAIN}`;
    const subscribe = (node: string, n: number) =>
      `<iq xmlns="${NS.client}" type="set" id="s${n}" to="pubsub.${DOMAIN}"><pubsub xmlns="${NS_PUBSUB}"><subscribe node="${node}" jid="${jid}"/></pubsub></iq>`;
    const done = new Promise<void>((r) => {
      this.#onSubscribed = r;
    });
    // From here on the poll loop keeps one request held; the subscriptions' results come on it.
    this.#poll(
      `<presence xmlns="${NS.client}"><priority>0</priority></presence>${subscribe(userNode(i), 1)}${subscribe(teamNode(teamOf(i, teamSize)), 2)}`,
    );
    await done;
  }

  #poll(payload = ''): void {
    if (stopped) return;
    this.#http.post(this.#body(payload)).then(
      (text) => {
        if (counting) {
          const now = clock();
          for (const t of sendTimesIn(text)) received.push(now - t);
        }
        if (this.#onSubscribed) {
          this.#subscribed +=
            text.match(
              /<iq[^>]*type=["']result["'][^>]*id=["']s\d["']|<iq[^>]*id=["']s\d["'][^>]*type=["']result["']/g,
            )?.length ?? 0;
          if (text.includes("type='error'") || text.includes('type="error"'))
            throw new Error(`subscription failed: ${text}`);
          if (this.#subscribed >= 2) {
            this.#onSubscribed();
            this.#onSubscribed = undefined;
          }
        }
        if (!/type=["']terminate["']/.test(text)) this.#poll();
      },
      () => {},
    );
  }

  close(): void {
    this.#http.close();
  }
}

interface XmppClient {
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
  write(s: string): Promise<void>;
  on(e: string, fn: (x: { name: string; attrs: Record<string, string> }) => void): void;
}

/** The system account's connection; `iq` writes a raw iq and resolves with its result's type. */
async function connectPublisher(tcpPort: number, password: string) {
  const { client } = (await import('@xmpp/client' as string)) as { client(o: object): XmppClient };
  const c = client({
    service: `xmpp://127.0.0.1:${tcpPort}`,
    domain: DOMAIN,
    resource: 'bench',
    credentials: (auth: (c: object, m: string) => Promise<void>) =>
      auth({ username: SYSTEM_USER, password }, 'PLAIN'),
  });
  c.on('error', () => {});
  const waiting = new Map<string, (type: string) => void>();
  c.on('stanza', (s) => {
    if (s.name !== 'iq') return;
    const fn = waiting.get(s.attrs.id);
    if (fn) {
      waiting.delete(s.attrs.id);
      fn(s.attrs.type);
    }
  });
  await c.start();
  let n = 0;
  return {
    iq(inner: string): Promise<string> {
      const id = `p${++n}`;
      return new Promise<string>((resolve) => {
        waiting.set(id, resolve);
        c.write(
          `<iq type="set" to="pubsub.${DOMAIN}" id="${id}"><pubsub xmlns="${NS_PUBSUB}">${inner}</pubsub></iq>`,
        );
      });
    },
    stop: () => c.stop(),
  };
}
type Publisher = Awaited<ReturnType<typeof connectPublisher>>;

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const publishOf = (node: string, k: number) =>
  // One item id per node, so that each server keeps one item per node, as Finesse does.
  `<publish node="${node}"><item id="current"><notification xmlns="${NS_PUBSUB}">${escapeText(update(k, clock()))}</notification></item></publish>`;

/** Runs `inners` (raw pubsub children) with `window` iqs in flight; resolves with the error count. */
async function pipeline(p: Publisher, inners: string[], window: number): Promise<number> {
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < inners.length) {
      const type = await p.iq(inners[next++]);
      if (type !== 'result') errors++;
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  return errors;
}

/**
 * Each second every one of the first `active` sessions gets one event: even seconds a publish to
 * each user node, odd seconds one to each team node (reaching all its members). Publishes are
 * spread evenly over the second, written as they fall due (10 ms ticks).
 */
function publishSchedule(p: Publisher, active: number, held: number, teamSize: number, seconds: number) {
  return new Promise<{ publishes: number; expected: number; errors: number }>((resolve) => {
    const start = clock();
    let errors = 0;
    let inFlight = 0;
    let publishes = 0;
    let expected = 0;
    const teams = teamCount(active, teamSize);
    let second = 0;
    let sentThisSecond = 0;
    let finished = false;
    const tick = () => {
      const now = clock() - start;
      while (second < seconds) {
        const targets = second % 2 === 0 ? active : teams;
        const due = Math.min(targets, Math.floor(((now - second * 1000) / 1000) * targets) + 1);
        for (; sentThisSecond < due; sentThisSecond++) {
          const j = sentThisSecond;
          const node = second % 2 === 0 ? userNode(j) : teamNode(j);
          // A team's members are all held, active or not: the last team may reach past `active`.
          expected += second % 2 === 0 ? 1 : Math.min(teamSize, held - j * teamSize);
          publishes++;
          inFlight++;
          p.iq(publishOf(node, publishes)).then((type) => {
            if (type !== 'result') errors++;
            inFlight--;
            if (finished && inFlight === 0) resolve({ publishes, expected, errors });
          });
        }
        if (sentThisSecond < targets) break;
        second++;
        sentThisSecond = 0;
        if (second * 1000 > now) break;
      }
      if (second >= seconds) {
        finished = true;
        if (inFlight === 0) resolve({ publishes, expected, errors });
        return;
      }
      setTimeout(tick, 10);
    };
    tick();
  });
}

/** Resolves when `expected` deliveries arrived, or when none arrived for 5 s. */
async function awaitDeliveries(expected: number): Promise<void> {
  let last = received.length;
  let lastChange = Date.now();
  while (received.length < expected) {
    await new Promise((r) => setTimeout(r, 5));
    if (received.length !== last) [last, lastChange] = [received.length, Date.now()];
    else if (Date.now() - lastChange > 5_000) break;
  }
}

let publisher: Publisher | undefined;

process.on('message', async (m: ToLoad) => {
  if (m.type === 'stop') {
    stopped = true;
    for (const c of clients) c.close();
    await publisher?.stop().catch(() => {});
    process.exit(0);
  }
  if (m.type === 'nodes') {
    publisher = await connectPublisher(m.tcpPort, m.password);
    const nodes = [
      ...Array.from({ length: m.sessions }, (_, i) => userNode(i)),
      ...Array.from({ length: teamCount(m.sessions, m.teamSize) }, (_, t) => teamNode(t)),
    ];
    const start = clock();
    const errors = await pipeline(
      publisher,
      nodes.map((n) => `<create node="${n}"/>`),
      64,
    );
    send({ type: 'nodes-created', nodes: nodes.length, errors, seconds: (clock() - start) / 1000 });
    return;
  }
  if (m.type === 'login') {
    const start = clock();
    let next = m.from;
    let failed = 0;
    let firstError: string | undefined;
    const worker = async () => {
      for (let i = next++; i < m.to; i = next++) {
        const c = new BoshClient(m.boshPort);
        clients.push(c);
        await c.login(i, m.teamSize).catch((err: Error) => {
          failed++;
          firstError ??= err.message;
        });
      }
    };
    await Promise.all(Array.from({ length: m.concurrency }, worker));
    const seconds = (clock() - start) / 1000;
    send({ type: 'logged-in', ok: m.to - m.from - failed, failed, seconds, firstError });
    return;
  }
  if (m.type === 'sign-ins') {
    // One worker per account (up to `concurrency`), each signing its accounts in one at a time:
    // an account never has two sign-ins at once, as a desktop would not.
    const start = clock();
    let done = 0;
    let failed = 0;
    let firstError: string | undefined;
    const workers = Math.min(m.concurrency, m.users.length, m.count);
    const worker = async (w: number) => {
      for (let k = w; k < m.count; k += workers) {
        const u = k % m.users.length;
        await new BoshClient(m.boshPort)
          .signInAndLeave(m.users[u], m.secrets[u], m.mechanism, `bench-${k}`)
          .catch((err: Error) => {
            failed++;
            firstError ??= err.message;
          });
        done++;
      }
    };
    await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
    send({ type: 'signed-in', ok: done - failed, failed, seconds: (clock() - start) / 1000, firstError });
    return;
  }
  if (m.type === 'phase' && publisher) {
    received = [];
    counting = true;
    const cpu = process.cpuUsage();
    const start = clock();
    const sent = await publishSchedule(publisher, m.active, m.held, m.teamSize, m.seconds);
    await awaitDeliveries(sent.expected);
    const seconds = (clock() - start) / 1000;
    counting = false;
    const used = process.cpuUsage(cpu);
    const sorted = Float64Array.from(received).sort();
    send({
      type: 'phase-done',
      publishes: sent.publishes,
      expected: sent.expected,
      deliveries: received.length,
      seconds,
      publishErrors: sent.errors,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.length > 0 ? sorted[sorted.length - 1] : Number.NaN,
      loadCpu: (used.user + used.system) / 1e6 / seconds,
    });
  }
});
