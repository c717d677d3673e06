/// <reference lib="dom" />
/**
 * The gadget container (gadgets.md §A, §B, §D.5): the managed hub every gadget frame and the
 * page share, the gadget frames and their numbers, what a frame may ask of the page (height, title,
 * loading indicator, makeRequest), and `finesse.container.*` for finesse.js. It is exposed to the
 * frames as `window[CONTAINER_GLOBAL]` (port.ts). The master side of finesse.js — notifications,
 * connection info, tabs, logging — is master.ts, on top of this.
 */
import type { ClientLog } from '../client/client-log.ts';
import { DEFAULT_HEIGHT, GadgetFrame, gadgetFrameUrl } from './gadget-frame.ts';
import { ManagedHub, toJson } from './hub.ts';
import type { GadgetRef } from './layout.ts';
import {
  CONTAINER_GLOBAL,
  type ContainerPort,
  type GadgetBoot,
  type GadgetSession,
  type HubDeliver,
  type MakeRequestParams,
  type MakeRequestResult,
} from './port.ts';

/** The server's makeRequest proxy (src/gadgets/proxy-protocol.ts). */
const MAKE_REQUEST_PATH = '/gadgets/makeRequest';

export interface Tabs {
  getActiveTab(): string;
  activateTab(id: string): boolean;
}

export interface ContainerOptions {
  log: ClientLog;
  /** The page's origin: requests to it go straight out, others through the proxy. */
  origin: string;
  /** The desktop's `Authorization` header, which the proxy wants. */
  authorization: () => string | undefined;
  /** The Finesse prefs every gadget gets (D.1), as of now. */
  prefs: () => Record<string, string>;
  fetch?: typeof fetch;
}

interface FrameState {
  frame: GadgetFrame;
  boot: GadgetBoot | undefined;
  deliver: HubDeliver | undefined;
}

export class GadgetContainer implements ContainerPort {
  readonly hub: ManagedHub;
  readonly #o: ContainerOptions;
  readonly #frames = new Map<string, FrameState>();
  #next = 0;
  tabs: Tabs | undefined;

  constructor(opts: ContainerOptions) {
    this.#o = opts;
    this.hub = new ManagedHub({
      onError: (client, topic, err) =>
        opts.log.log(
          'Container',
          `Hub: a subscriber of ${client} failed on ${topic}: ${(err as Error)?.message ?? err}`,
        ),
    });
  }

  /** Makes the container reachable from gadget frames and finesse.js (`parent.finesse.container`). */
  install(w: Window): void {
    const opts = this.#o;
    const g = w as unknown as Record<string, unknown>;
    g[CONTAINER_GLOBAL] = this;
    g.finesse ??= {};
    const finesse = g.finesse as Record<string, unknown>;
    finesse.container = {
      Container: {
        modifyGadgetUrl: (mid: string, url: string) => this.modifyGadgetUrl(mid, url),
        reloadGadget: (mid: string) => this.reloadGadget(mid),
        showDialog: (o: { title?: string; message?: string }) =>
          w.alert([o?.title, o?.message].filter(Boolean).join('\n\n')),
        hideDialog: () => {},
      },
      Tabs: {
        getActiveTab: () => this.tabs?.getActiveTab() ?? '',
        activateTab: (id: string) => this.tabs?.activateTab(id) ?? false,
      },
      Config: { host: new URL(opts.origin).hostname },
      I18n: { getMsg: (key: string) => key },
    };
  }

  get frameCount(): number {
    return this.#frames.size;
  }

  /** A new gadget frame for a layout `<gadget>`; its element goes where the layout puts it. */
  createGadget(ref: GadgetRef, where: { withTitle: boolean }): GadgetFrame {
    const mid = String(this.#next++);
    const frame = new GadgetFrame({
      mid,
      ref,
      withTitle: where.withTitle,
      src: gadgetFrameUrl(ref.url, mid, this.#o.prefs(), ref.alternateHosts),
      onLoad: (f) => this.#frameLoaded(f),
      onRetry: (f) => this.reloadGadget(f.mid),
    });
    this.#frames.set(mid, { frame, boot: undefined, deliver: undefined });
    this.#o.log.log('Container', `Gadget ${mid}: loading ${ref.url}`);
    return frame;
  }

  /** Every frame goes (sign-out): their subscriptions with them. */
  clear(): void {
    for (const [mid, s] of this.#frames) {
      this.hub.disconnect(`gadget-${mid}`);
      s.frame.destroy();
    }
    this.#frames.clear();
  }

  /** `finesse.container.Container.modifyGadgetUrl`: the next (re)load of `mid` uses `url`. */
  modifyGadgetUrl(mid: string, url: string): void {
    const s = this.#frames.get(String(mid));
    if (!s || typeof url !== 'string' || !url) return;
    this.#o.log.log('Container', `Gadget ${mid}: URL changed to ${url}`);
    s.frame.specUrl = url;
  }

  reloadGadget(mid: string): void {
    const s = this.#frames.get(String(mid));
    if (!s) return;
    this.hub.disconnect(`gadget-${mid}`);
    s.boot = undefined;
    s.deliver = undefined;
    this.#o.log.log('Container', `Gadget ${mid}: reloading ${s.frame.specUrl}`);
    s.frame.setHeight(DEFAULT_HEIGHT);
    s.frame.load(gadgetFrameUrl(s.frame.specUrl, String(mid), this.#o.prefs(), []));
  }

  #frameLoaded(frame: GadgetFrame): void {
    let doc: Document | null = null;
    try {
      doc = frame.iframe.contentDocument;
    } catch {
      doc = null;
    }
    if (doc?.getElementById('switchboard-gadget-boot-error')) {
      frame.markError();
      this.#o.log.log(
        'Container',
        `Gadget ${frame.mid}: ${doc.body?.textContent?.trim().replace(/\s+/g, ' ')}`,
      );
    }
  }

  connect(mid: string, deliver: HubDeliver, bootJson: string): GadgetSession | undefined {
    const found = this.#frames.get(String(mid));
    if (!found) return undefined;
    const state: FrameState = found;
    const client = `gadget-${mid}`;
    // A reload reconnects: whatever the previous document subscribed is gone with it.
    this.hub.disconnect(client);
    let boot: GadgetBoot | undefined;
    try {
      boot = JSON.parse(bootJson) as GadgetBoot;
    } catch {
      boot = undefined;
    }
    state.boot = boot;
    state.deliver = deliver;
    const { frame } = state;
    frame.setTitle(boot?.title ?? '');
    if (boot?.features.includes('loadingindicator')) {
      const timeout = Number(boot.params.loadingindicator?.['loading-timeout'] ?? 10);
      frame.showLoading(Number.isFinite(timeout) && timeout > 0 ? timeout : 10);
    }
    const hub = this.hub;
    return {
      mid: String(mid),
      publish: (topic, json) => hub.publish(topic, json),
      subscribe: (topic) => hub.subscribe(client, topic, (t, j, id) => deliverTo(id, t, j)),
      unsubscribe: (id) => {
        hub.unsubscribe(id);
      },
      adjustHeight: (px) => frame.setHeight(px),
      setTitle: (title) => frame.setTitle(title),
      dismissLoading: () => frame.dismissLoading(),
      requestNavigateTo: (view) => frame.element.classList.toggle('gadget-canvas', view === 'canvas'),
      makeRequest: (url, params, done) => {
        void this.makeRequest(url, params).then((r) => done(JSON.stringify(r)));
      },
      disconnect: () => {
        if (state.deliver === deliver) hub.disconnect(client);
      },
    };

    function deliverTo(id: string, topic: string, json: string): void {
      // A frame that navigated away or was removed cannot be called any more.
      if (state.deliver !== deliver || !frame.iframe.isConnected) {
        hub.unsubscribe(id);
        return;
      }
      deliver(id, topic, json);
    }
  }

  /** Container-side subscription: `cb` gets the data parsed in this window. */
  subscribe(topic: string, cb: (topic: string, data: unknown) => void): string {
    return this.hub.subscribe('container', topic, (t, json) =>
      cb(t, json === 'undefined' ? undefined : JSON.parse(json)),
    );
  }

  publish(topic: string, data: unknown): void {
    this.hub.publish(topic, toJson(data));
  }

  /**
   * A gadget's makeRequest: to this page's own origin straight from here (finesse.js's REST, with
   * the gadget's own headers); anywhere else through the server's proxy, which checks the host.
   */
  async makeRequest(url: string, p: MakeRequestParams): Promise<MakeRequestResult> {
    const f = this.#o.fetch ?? fetch;
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { rc: 400, text: `not a URL: ${url}`, headers: {}, errors: ['bad url'] };
    }
    try {
      if (target.origin === this.#o.origin) {
        const res = await f(target, {
          method: p.method,
          headers: p.headers,
          body: p.method === 'GET' || p.method === 'HEAD' ? undefined : p.body,
          cache: 'no-store',
          redirect: 'manual',
        });
        const headers: Record<string, string[]> = {};
        if (p.fullHeaders)
          res.headers.forEach((v, k) => {
            headers[k] = [...(headers[k] ?? []), v];
          });
        return { rc: res.status, text: await res.text(), headers, errors: [] };
      }
      const auth = this.#o.authorization();
      const res = await f(MAKE_REQUEST_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
        body: JSON.stringify({
          url: target.href,
          method: p.method,
          headers: p.headers,
          body: p.body ?? null,
        }),
        cache: 'no-store',
      });
      const r = (await res.json()) as {
        rc: number;
        text: string;
        headers?: Record<string, string[]>;
        error?: string;
      };
      return {
        rc: r.rc,
        text: r.text,
        headers: p.fullHeaders ? (r.headers ?? {}) : {},
        errors: r.error ? [r.error] : [],
      };
    } catch (err) {
      return { rc: 500, text: '', headers: {}, errors: [(err as Error).message] };
    }
  }
}
