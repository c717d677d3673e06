/**
 * The load process of `failover.bench.ts` (forked by it; not run by hand). It holds N desktops —
 * raw BOSH long-poll clients, one keep-alive socket each (bench/notify's RawHttp) — and, once
 * told, a publisher on the survivor: the system account over XMPP/TCP.
 *
 * A desktop signs in as the Finesse desktop does — BOSH session, SASL (SCRAM-SHA-256 with the
 * salted password kept from its first sign-in, as RFC 5802 §5.1 lets a client, or OAUTHBEARER with
 * the cluster-wide session token), bind, presence, a subscription to its user node — then keeps
 * one request held. When its node dies (the held request fails) it waits a random jitter, signs in
 * on the survivor, and fetches its user again (GET User: what it missed meanwhile), retrying with
 * jittered backoff when refused, as src/desktop/app/connection.ts does.
 */
import crypto from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { clock, DOMAIN, NS, NS_PUBSUB, userNode } from '../notify/layout.ts';
import { RawHttp } from '../notify/raw-http.ts';
import type { FromDesktops, Mechanism, ToDesktops } from './protocol.ts';

const send = (m: FromDesktops) => process.send?.(m);
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const hmac = (key: Buffer, data: string) => crypto.createHmac('sha256', key).update(data).digest();

let stopped = false;
let failoverTo: { origin: string; jitterMs: number; minBackoffMs: number } | undefined;
/** Why sign-ins on the survivor failed (and were tried again), by kind. */
const retryReasons = new Map<string, number>();
/** Sequence numbers of the events each desktop received, by user index. */
const received = new Map<number, Set<number>>();

class Desktop {
  readonly i: number;
  readonly id: string;
  readonly #mechanism: Mechanism;
  #http: RawHttp | undefined;
  #sid = '';
  #rid = 0;
  /** RFC 5802 SaltedPassword, kept from the first SCRAM exchange (salt, iterations → key). */
  #salted: { salt: string; iterations: number; key: Buffer } | undefined;
  token = '';
  #onSubscribed: (() => void) | undefined;
  /** Clock times: lost its node, subscribed again, user fetched again; retries needed. */
  lostAt = 0;
  subscribedAt = 0;
  reloadedAt = 0;
  retries = 0;
  lastError = '';
  /** Where the last sign-in's time went, ms: session, SASL, bind, subscription; and the reload. */
  steps = { session: 0, sasl: 0, bind: 0, subscribe: 0, reload: 0, startedAt: 0 };

  constructor(i: number, mechanism: Mechanism) {
    this.i = i;
    this.id = String(10_000 + i);
    this.#mechanism = mechanism;
  }

  #body(payload = '', extra = ''): string {
    return `<body xmlns="${NS.httpbind}" sid="${this.#sid}" rid="${++this.#rid}"${extra}>${payload}</body>`;
  }

  /** Sign-in and subscription on `origin`; resolves once the subscription's result arrived. */
  async signIn(origin: string): Promise<void> {
    this.#http?.close();
    const url = new URL(origin);
    const http = new RawHttp(url.hostname, Number(url.port), '/http-bind');
    this.#http = http;
    this.#rid = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
    let t = clock();
    this.steps.startedAt = t;
    const lap = () => {
      const now = clock();
      const ms = now - t;
      t = now;
      return ms;
    };
    const created = await http.post(
      `<body xmlns="${NS.httpbind}" rid="${this.#rid}" to="${DOMAIN}" xml:lang="en" wait="60" hold="1" ver="1.6" xmlns:xmpp="${NS.xbosh}" xmpp:version="1.0"/>`,
    );
    this.#sid = /sid=["']([^"']+)["']/.exec(created)?.[1] ?? '';
    if (!this.#sid) throw new Error(`no BOSH session: ${created.slice(0, 200)}`);
    if (!created.includes('mechanism')) await http.post(this.#body());
    this.steps.session = lap();
    const ok =
      this.#mechanism === 'token'
        ? await http.post(
            this.#body(
              `<auth xmlns="${NS.sasl}" mechanism="OAUTHBEARER">${b64(`n,,\u0001auth=Bearer ${this.token}\u0001\u0001`)}</auth>`,
            ),
          )
        : await this.#scram(http);
    if (!ok.includes('<success')) throw new Error(`SASL: ${ok.slice(0, 300)}`);
    this.steps.sasl = lap();
    await http.post(this.#body('', ` to="${DOMAIN}" xmpp:restart="true" xmlns:xmpp="${NS.xbosh}"`));
    const bound = await http.post(
      this.#body(
        `<iq xmlns="${NS.client}" type="set" id="b"><bind xmlns="${NS.bind}"><resource>desktop</resource></bind></iq>`,
      ),
    );
    if (!bound.includes('<jid>')) throw new Error(`bind: ${bound.slice(0, 300)}`);
    this.steps.bind = lap();
    const subscribed = new Promise<void>((r) => {
      this.#onSubscribed = r;
    });
    this.#poll(
      http,
      `<presence xmlns="${NS.client}"><priority>0</priority></presence>` +
        `<iq xmlns="${NS.client}" type="set" id="s1" to="pubsub.${DOMAIN}"><pubsub xmlns="${NS_PUBSUB}"><subscribe node="${userNode(this.i)}" jid="${this.id}@${DOMAIN}"/></pubsub></iq>`,
    );
    await subscribed;
    this.steps.subscribe = lap();
  }

  /** SCRAM-SHA-256 (RFC 5802, 7677), the password being the user id. */
  async #scram(http: RawHttp): Promise<string> {
    const nonce = crypto.randomBytes(18).toString('base64');
    const first = `n=${this.id},r=${nonce}`;
    const challenge = await http.post(
      this.#body(`<auth xmlns="${NS.sasl}" mechanism="SCRAM-SHA-256">${b64(`n,,${first}`)}</auth>`),
    );
    const serverFirst = Buffer.from(
      /<challenge[^>]*>([^<]*)</.exec(challenge)?.[1] ?? '',
      'base64',
    ).toString();
    const f = Object.fromEntries(serverFirst.split(',').map((kv) => [kv[0], kv.slice(2)]));
    if (!f.r?.startsWith(nonce) || !f.s || !f.i)
      throw new Error(`SCRAM challenge: ${challenge.slice(0, 300)}`);
    const iterations = Number(f.i);
    if (this.#salted?.salt !== f.s || this.#salted.iterations !== iterations) {
      const key = crypto.pbkdf2Sync(this.id, Buffer.from(f.s, 'base64'), iterations, 32, 'sha256');
      this.#salted = { salt: f.s, iterations, key };
    }
    const withoutProof = `c=biws,r=${f.r}`;
    const authMessage = `${first},${serverFirst},${withoutProof}`;
    const clientKey = hmac(this.#salted.key, 'Client Key');
    const storedKey = crypto.createHash('sha256').update(clientKey).digest();
    const signature = hmac(storedKey, authMessage);
    const proof = Buffer.from(clientKey.map((b, k) => b ^ signature[k]));
    return http.post(
      this.#body(
        `<response xmlns="${NS.sasl}">${b64(`${withoutProof},p=${proof.toString('base64')}`)}</response>`,
      ),
    );
  }

  #poll(http: RawHttp, payload = ''): void {
    if (stopped || http !== this.#http) return;
    http.post(this.#body(payload)).then(
      (text) => {
        if (http !== this.#http) return;
        for (const m of text.matchAll(/&lt;requestId&gt;ev-(\d+)&lt;\/requestId&gt;/g)) {
          const got = received.get(this.i) ?? new Set<number>();
          received.set(this.i, got);
          got.add(Number(m[1]));
        }
        if (this.#onSubscribed && /id=["']s1["']/.test(text)) {
          if (/type=["']error["']/.test(text)) this.lastError = `subscribe: ${text.slice(0, 200)}`;
          this.#onSubscribed();
          this.#onSubscribed = undefined;
        }
        if (!/type=["']terminate["']/.test(text)) this.#poll(http);
      },
      (err: Error) => {
        if (http !== this.#http || stopped) return;
        this.#lost(err);
      },
    );
  }

  /** The node is gone: after a random jitter, the survivor. */
  #lost(err: Error): void {
    this.lostAt = clock();
    this.lastError = err.message;
    this.#http = undefined;
    const to = failoverTo;
    if (!to) return;
    let backoff = to.minBackoffMs;
    const attempt = () => {
      if (stopped) return;
      this.signIn(to.origin)
        .then(() => {
          this.subscribedAt = clock();
          return this.#reload(to.origin);
        })
        .then(() => {
          this.reloadedAt = clock();
          this.steps.reload = this.reloadedAt - this.subscribedAt;
        })
        .catch((e: Error) => {
          this.retries++;
          this.lastError = e.message;
          const kind = e.message.replace(/\d+/g, 'N').slice(0, 80);
          retryReasons.set(kind, (retryReasons.get(kind) ?? 0) + 1);
          this.#http?.close();
          this.#http = undefined;
          setTimeout(attempt, backoff * (0.5 + Math.random()));
          backoff = Math.min(backoff * 2, 30_000);
        });
    };
    setTimeout(attempt, Math.random() * to.jitterMs);
  }

  /** finesse.js `recovered`: the user is fetched again (what changed while away). */
  async #reload(origin: string): Promise<void> {
    const auth =
      this.#mechanism === 'token' ? `Bearer ${this.token}` : `Basic ${b64(`${this.id}:${this.id}`)}`;
    const res = await fetch(`${origin}/finesse/api/User/${this.id}?nocache=${Date.now()}`, {
      headers: { Authorization: auth },
    });
    await res.text();
    if (!res.ok) throw new Error(`GET User: HTTP ${res.status}`);
  }

  close(): void {
    this.#http?.close();
  }
}

const desktops: Desktop[] = [];

/** The survivor's publisher: one event per `1000 / rate` ms to the user nodes, round robin. */
async function publish(tcpPort: number, password: string, rate: number) {
  const { client } = (await import('@xmpp/client' as string)) as {
    client(o: object): {
      start(): Promise<unknown>;
      stop(): Promise<unknown>;
      write(s: string): Promise<void>;
      on(e: string, fn: (x: unknown) => void): void;
    };
  };
  const c = client({
    service: `xmpp://127.0.0.1:${tcpPort}`,
    domain: DOMAIN,
    resource: 'bench',
    credentials: (auth: (c: object, m: string) => Promise<void>) =>
      auth({ username: 'webservices', password }, 'PLAIN'),
  });
  c.on('error', () => {});
  await c.start();
  const log: { seq: number; i: number; at: number }[] = [];
  let seq = 0;
  let running = true;
  const start = clock();
  const tick = () => {
    if (!running) return;
    const due = Math.floor(((clock() - start) / 1000) * rate);
    for (; seq < due; seq++) {
      const i = seq % desktops.length;
      const payload = `<Update><data><user><loginId>${desktops[i].id}</loginId><state>READY</state></user></data><event>PUT</event><requestId>ev-${seq}</requestId><source>${userNode(i)}</source></Update>`;
      const escaped = payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      log.push({ seq, i, at: clock() });
      void c.write(
        `<iq type="set" to="pubsub.${DOMAIN}" id="e${seq}"><pubsub xmlns="${NS_PUBSUB}"><publish node="${userNode(i)}"><item id="current"><notification xmlns="${NS_PUBSUB}">${escaped}</notification></item></publish></pubsub></iq>`,
      );
    }
    setTimeout(tick, 10);
  };
  tick();
  return {
    log,
    async stop() {
      running = false;
      await c.stop().catch(() => {});
    },
  };
}

let publisher: Awaited<ReturnType<typeof publish>> | undefined;

process.on('message', async (m: ToDesktops) => {
  if (m.type === 'stop') {
    stopped = true;
    for (const d of desktops) d.close();
    await publisher?.stop();
    process.exit(0);
  }
  if (m.type === 'sign-in') {
    const start = clock();
    let next = 0;
    let failed = 0;
    let firstError: string | undefined;
    for (let i = 0; i < m.count; i++) desktops.push(new Desktop(i, m.mechanism));
    const worker = async () => {
      for (let i = next++; i < m.count; i = next++) {
        const d = desktops[i];
        try {
          if (m.mechanism === 'token') d.token = await sessionToken(m.origin, d.id);
          await d.signIn(m.origin);
        } catch (e) {
          failed++;
          firstError ??= (e as Error).message;
        }
      }
    };
    await Promise.all(Array.from({ length: m.concurrency }, worker));
    send({ type: 'signed-in', ok: m.count - failed, failed, seconds: (clock() - start) / 1000, firstError });
    return;
  }
  if (m.type === 'arm') {
    failoverTo = { origin: m.survivor, jitterMs: m.jitterMs, minBackoffMs: m.minBackoffMs };
    publisher = await publish(m.xmppPort, m.systemPassword, m.eventsPerSecond);
    send({ type: 'armed' });
    return;
  }
  if (m.type === 'await') {
    const killedAt = m.killedAt;
    // This process's own CPU and event-loop delay: near one core, it — not the survivor — sets the pace.
    const cpu = process.cpuUsage();
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const deadline = clock() + m.timeoutMs;
    while (desktops.some((d) => d.reloadedAt === 0) && clock() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const lastSubscribed = Math.max(...desktops.map((d) => d.subscribedAt));
    const lastReloaded = Math.max(...desktops.map((d) => d.reloadedAt));
    lag.disable();
    const used = process.cpuUsage(cpu);
    const loadCpu = (used.user + used.system) / 1e3 / Math.max(1, clock() - killedAt);
    // Events keep flowing a moment after the last desktop is back: those must all arrive.
    await new Promise((r) => setTimeout(r, m.drainMs));
    await publisher?.stop();
    await new Promise((r) => setTimeout(r, 500));
    let afterSubscribed = 0;
    let lost = 0;
    let beforeSubscribed = 0;
    for (const e of publisher?.log ?? []) {
      const d = desktops[e.i];
      if (e.at < killedAt) continue;
      if (d.subscribedAt === 0 || e.at < d.subscribedAt) {
        beforeSubscribed++;
        continue;
      }
      afterSubscribed++;
      if (!received.get(e.i)?.has(e.seq)) lost++;
    }
    const subscribedTimes = desktops
      .map((d) => d.subscribedAt - killedAt)
      .filter((t) => t > 0)
      .sort((x, y) => x - y);
    send({
      type: 'result',
      desktops: desktops.length,
      back: desktops.filter((d) => d.reloadedAt > 0).length,
      lastSubscribedMs: lastSubscribed - killedAt,
      lastReloadedMs: lastReloaded - killedAt,
      medianSubscribedMs: subscribedTimes[Math.floor(subscribedTimes.length / 2)] ?? Number.NaN,
      retries: desktops.reduce((n, d) => n + d.retries, 0),
      eventsDuringGap: beforeSubscribed,
      eventsAfterSubscribed: afterSubscribed,
      lost,
      firstError: desktops.find((d) => d.reloadedAt === 0)?.lastError,
      medianSteps: Object.fromEntries(
        (['session', 'sasl', 'bind', 'subscribe', 'reload'] as const).map((k) => {
          const v = desktops.map((d) => d.steps[k]).sort((x, y) => x - y);
          return [k, v[Math.floor(v.length / 2)] ?? 0];
        }),
      ) as Record<'session' | 'sasl' | 'bind' | 'subscribe' | 'reload', number>,
      loadCpu,
      loadLagP99Ms: lag.percentile(99) / 1e6,
      retryReasons: Object.fromEntries([...retryReasons].sort((x, y) => y[1] - x[1]).slice(0, 5)),
      medianJitterMs: (() => {
        const v = desktops.map((d) => d.steps.startedAt - d.lostAt).sort((x, y) => x - y);
        return v[Math.floor(v.length / 2)] ?? 0;
      })(),
    });
  }
});

/** POST /SessionToken with the password once, on the first node: the token every node accepts. */
async function sessionToken(origin: string, id: string): Promise<string> {
  const res = await fetch(`${origin}/finesse/api/SessionToken`, {
    method: 'POST',
    headers: { Authorization: `Basic ${b64(`${id}:${id}`)}` },
  });
  const text = await res.text();
  const token = /<token>([^<]+)<\/token>/.exec(text)?.[1];
  if (!token) throw new Error(`SessionToken: HTTP ${res.status} ${text.slice(0, 200)}`);
  return token;
}
