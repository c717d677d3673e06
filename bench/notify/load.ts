/**
 * The load process of `notify.bench.ts` (forked by it; not run by hand): `sessions` raw BOSH
 * long-poll clients over node:http (create, SASL PLAIN, restart, bind, presence, then one held
 * request each, re-posted as soon as it is answered), and the publisher — @xmpp/client logged in
 * as the system account over TCP, publishing with `rate` per second and `window` iqs in flight.
 * Latency is measured on arrival against the send time inside each payload.
 */
import http from 'node:http';
import {
  clock,
  DOMAIN,
  expectedDeliveries,
  type FromLoad,
  NS_PUBSUB,
  percentile,
  SYSTEM_USER,
  sendTimesIn,
  type ToLoad,
  target,
  update,
  userId,
} from './layout.ts';

const NS = {
  httpbind: 'http://jabber.org/protocol/httpbind',
  xbosh: 'urn:xmpp:xbosh',
  sasl: 'urn:ietf:params:xml:ns:xmpp-sasl',
  bind: 'urn:ietf:params:xml:ns:xmpp-bind',
  client: 'jabber:client',
};
// One socket per session: the held request. No limit, or sessions would queue behind each other.
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const send = (m: FromLoad) => process.send?.(m);

function post(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'Content-Type': 'text/xml; charset=utf-8' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve(text));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let received: number[] = [];
let stopped = false;

class BoshClient {
  #sid = '';
  #rid = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
  constructor(readonly url: string) {}

  #body(payload = '', extra = ''): string {
    return `<body xmlns="${NS.httpbind}" sid="${this.#sid}" rid="${++this.#rid}"${extra}>${payload}</body>`;
  }

  async login(id: string): Promise<void> {
    const created = await post(
      this.url,
      `<body xmlns="${NS.httpbind}" rid="${this.#rid}" to="${DOMAIN}" xml:lang="en" wait="60" hold="1" ver="1.6" xmlns:xmpp="${NS.xbosh}" xmpp:version="1.0"/>`,
    );
    this.#sid = /sid="([^"]+)"/.exec(created)?.[1] ?? '';
    const auth = Buffer.from(`\u0000${id}\u0000${id}`).toString('base64');
    const ok = await post(this.url, this.#body(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${auth}</auth>`));
    if (!ok.includes('<success')) throw new Error(`auth of ${id}: ${ok}`);
    await post(this.url, this.#body('', ` to="${DOMAIN}" xmpp:restart="true" xmlns:xmpp="${NS.xbosh}"`));
    const bound = await post(
      this.url,
      this.#body(
        `<iq xmlns="${NS.client}" type="set" id="b"><bind xmlns="${NS.bind}"><resource>desktop</resource></bind></iq>`,
      ),
    );
    if (!bound.includes('<jid>')) throw new Error(`bind of ${id}: ${bound}`);
    // The presence request is held; from here on the poll loop keeps one request held.
    this.#poll(`<presence xmlns="${NS.client}"><priority>0</priority></presence>`);
  }

  #poll(payload = ''): void {
    if (stopped) return;
    post(this.url, this.#body(payload)).then(
      (text) => {
        const now = clock();
        for (const t of sendTimesIn(text)) received.push(now - t);
        if (!text.includes('type="terminate"')) this.#poll();
      },
      () => {},
    );
  }
}

interface Publisher {
  publish(node: string, payload: string): Promise<unknown>;
}

async function connectPublisher(tcpPort: number, password: string): Promise<Publisher> {
  const { client, xml } = (await import('@xmpp/client' as string)) as {
    client(o: object): {
      start(): Promise<unknown>;
      on(e: string, fn: () => void): void;
      iqCaller: { set(el: unknown, to: string): Promise<unknown> };
    };
    xml(name: string, attrs?: object, ...children: unknown[]): unknown;
  };
  const c = client({
    service: `xmpp://127.0.0.1:${tcpPort}`,
    domain: DOMAIN,
    resource: 'bench',
    credentials: (auth: (c: object, m: string) => Promise<void>) =>
      auth({ username: SYSTEM_USER, password }, 'PLAIN'),
  });
  c.on('error', () => {});
  await c.start();
  return {
    publish: (node, payload) =>
      c.iqCaller.set(
        xml(
          'pubsub',
          { xmlns: NS_PUBSUB },
          xml('publish', { node }, xml('item', {}, xml('notification', { xmlns: NS_PUBSUB }, payload))),
        ),
        `pubsub.${DOMAIN}`,
      ),
  };
}

/** Sends `n` publishes at `rate` per second (0: as fast as answered), `window` in flight. */
function publishAll(
  p: Publisher,
  n: number,
  rate: number,
  window: number,
  layout: { sessions: number; teamSize: number },
) {
  return new Promise<number>((resolve) => {
    const start = clock();
    let next = 0;
    let inFlight = 0;
    let errors = 0;
    let timer: NodeJS.Timeout | undefined;
    const settled = (failed: boolean) => {
      inFlight--;
      if (failed) errors++;
      pump();
    };
    const pump = () => {
      const due = rate > 0 ? Math.min(n, Math.floor(((clock() - start) / 1000) * rate) + 1) : n;
      while (next < due && inFlight < window) {
        const k = next++;
        inFlight++;
        p.publish(target(k, layout.sessions, layout.teamSize).node, update(k, clock())).then(
          () => settled(false),
          () => settled(true),
        );
      }
      if (next >= n) {
        if (inFlight === 0) resolve(errors);
        return;
      }
      // Ahead of the schedule: wake up when the next one is due (a full window waits for answers).
      if (next >= due && timer === undefined) {
        const wait = Math.max(1, (next / rate) * 1000 - (clock() - start));
        timer = setTimeout(() => {
          timer = undefined;
          pump();
        }, wait);
      }
    };
    pump();
  });
}

/** Resolves when `expected` deliveries arrived, or when none arrived for 10 s. */
async function awaitDeliveries(expected: number): Promise<number> {
  let last = received.length;
  let lastChange = Date.now();
  while (received.length < expected) {
    await new Promise((r) => setTimeout(r, 5));
    if (received.length !== last) [last, lastChange] = [received.length, Date.now()];
    else if (Date.now() - lastChange > 10_000) break;
  }
  return clock();
}

let layout = { sessions: 0, teamSize: 1, tcpPort: 0, password: '' };
let publisher: Publisher | undefined;

process.on('message', async (m: ToLoad) => {
  if (m.type === 'stop') {
    stopped = true;
    process.exit(0);
  }
  if (m.type === 'login') {
    layout = { sessions: m.sessions, teamSize: m.teamSize, tcpPort: m.tcpPort, password: m.password };
    const start = clock();
    let next = 0;
    let failed = 0;
    let firstError: string | undefined;
    const worker = async () => {
      for (let i = next++; i < m.sessions; i = next++) {
        await new BoshClient(m.boshUrl).login(userId(i)).catch((err: Error) => {
          failed++;
          firstError ??= err.message;
        });
      }
    };
    await Promise.all(Array.from({ length: m.concurrency }, worker));
    const seconds = (clock() - start) / 1000;
    send({ type: 'logged-in', ok: m.sessions - failed, failed, seconds, firstError });
    return;
  }
  received = [];
  const expected = expectedDeliveries(m.publishes, layout.sessions, layout.teamSize);
  const start = clock();
  let publishErrors = 0;
  if (m.publishHere) {
    publisher ??= await connectPublisher(layout.tcpPort, layout.password);
    publishErrors = await publishAll(publisher, m.publishes, m.rate, m.window, layout);
  } else send({ type: 'ready' });
  const end = await awaitDeliveries(expected);
  const sorted = Float64Array.from(received).sort();
  send({
    type: 'phase-done',
    name: m.name,
    expected,
    deliveries: received.length,
    seconds: (end - start) / 1000,
    publishErrors,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1] : Number.NaN,
  });
});
