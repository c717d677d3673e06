/// <reference lib="dom" />
/**
 * The gadget runtime: the first script of every gadget document (gadget-page/render.ts puts it
 * there). It defines the OpenSocial/Shindig globals a Finesse gadget uses (gadgets.md §B) —
 * `gadgets.Hub`/`HubSettings`, `window`, `Prefs`, `io`, `util`, `json`, `loadingindicator`,
 * `views`, and an `osapi` placeholder — and connects the frame to the container page, which it
 * reaches directly as `parent` (same origin). Calls a gadget makes before the hub connects
 * (`adjustHeight` at parse time, three samples do) work.
 */
import {
  CONTAINER_GLOBAL,
  type ContainerPort,
  type GadgetBoot,
  type GadgetSession,
} from '../app/gadgets/port.ts';
import { callSafely } from './call-safely.ts';
import { HubClient, type HubSettings } from './hub-client.ts';
import { createIo } from './io.ts';
import { createPrefsClass } from './prefs.ts';

const BOOT_ID = 'switchboard-gadget-boot';

function readBoot(): GadgetBoot {
  const el = document.getElementById(BOOT_ID);
  try {
    return JSON.parse(el?.textContent ?? '') as GadgetBoot;
  } catch {
    return { mid: '0', url: '', title: '', features: [], params: {}, userPrefs: {}, messages: {} };
  }
}

function findContainer(): ContainerPort | undefined {
  try {
    if (window.parent === window) return undefined;
    return (window.parent as unknown as Record<string, ContainerPort | undefined>)[CONTAINER_GLOBAL];
  } catch {
    return undefined; // a parent of another origin
  }
}

const boot = readBoot();
const query = new URLSearchParams(location.search);
const hub = new HubClient(`gadget-${boot.mid}`);
const session: GadgetSession | undefined = findContainer()?.connect(
  boot.mid,
  (subId, topic, json) => hub.deliver(subId, topic, json),
  JSON.stringify(boot),
);
hub.attach(session);

const hubSettings: HubSettings = { params: {}, onConnect: null };

/** Content height: what the document needs, not what the frame happens to give it. */
function contentHeight(): number {
  const de = document.documentElement;
  const body = document.body;
  let h = Math.ceil(de.getBoundingClientRect().height);
  if (body) {
    const style = getComputedStyle(body);
    const bottom = body.getBoundingClientRect().bottom + Number.parseFloat(style.marginBottom || '0');
    h = Math.max(h, Math.ceil(bottom + window.scrollY));
  }
  return h;
}

const params: Record<string, string> = {};
for (const [k, v] of query) params[k] = v;

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '=': '&#61;',
  '`': '&#96;',
};

const onLoadHandlers: (() => void)[] = [];
let loaded = false;

const gadgets = {
  Hub: hub,
  HubSettings: hubSettings,
  Prefs: createPrefsClass({ query, defaults: boot.userPrefs, messages: boot.messages, url: boot.url }),
  io: createIo(session),
  json: {
    parse: (s: string) => JSON.parse(s),
    stringify: (v: unknown) => JSON.stringify(v),
  },
  util: {
    getUrlParameters: () => ({ ...params }),
    escapeString: (s: string) => String(s).replace(/[&<>"'=`]/g, (c) => escapes[c]),
    unescapeString: (s: string) => {
      const t = document.createElement('textarea');
      t.innerHTML = String(s);
      return t.value;
    },
    makeClosure:
      (scope: unknown, fn: (...a: unknown[]) => unknown, ...bound: unknown[]) =>
      (...a: unknown[]) =>
        fn.apply(scope, [...bound, ...a]),
    registerOnLoadHandler: (fn: () => void) => {
      if (loaded) setTimeout(fn);
      else onLoadHandlers.push(fn);
    },
    hasFeature: (name: string) => boot.features.includes(name),
    getFeatureParameters: (name: string) => boot.params[name] ?? {},
  },
  window: {
    /** No argument: fit the content; a number (or a numeric string, GoogleMaps): that many pixels. */
    adjustHeight(height?: number | string) {
      const n = height === undefined || height === null || height === '' ? Number.NaN : Number(height);
      session?.adjustHeight(Number.isFinite(n) && n >= 0 ? Math.round(n) : contentHeight());
    },
    adjustWidth() {},
    setTitle(title: string) {
      session?.setTitle(String(title ?? ''));
    },
    getViewportDimensions: () => ({ width: window.innerWidth, height: window.innerHeight }),
  },
  loadingindicator: {
    dismiss() {
      session?.dismissLoading();
    },
    showLoading() {},
  },
  views: {
    requestNavigateTo(view: unknown) {
      const name =
        typeof view === 'string' ? view : ((view as { getName?: () => string })?.getName?.() ?? 'default');
      session?.requestNavigateTo(name);
    },
    getCurrentView: () => ({ getName: () => 'default', isOnlyVisibleGadget: () => false }),
    getParams: () => ({}),
    ViewType: { DEFAULT: 'default', CANVAS: 'canvas', HOME: 'home', PROFILE: 'profile' },
  },
};

const w = window as unknown as Record<string, unknown>;
w.gadgets = gadgets;
// Declared by DigitalChannel and never called: its presence is enough (gadgets.md §A.1).
w.osapi = w.osapi ?? {};

function connect(): void {
  loaded = true;
  for (const fn of onLoadHandlers.splice(0)) callSafely(fn);
  if (!session) {
    hubSettings.onConnect?.(hub, false, 'OpenAjax.hub.Error.Disconnected');
    return;
  }
  hub.markConnected();
  try {
    hubSettings.onConnect?.(hub, true);
  } finally {
    const li = boot.params.loadingindicator ?? {};
    if (li['manual-dismiss'] !== 'true') session.dismissLoading();
  }
}

// OpenAjax connects once the frame has loaded: by then the gadget's inline script at the end of
// the body has set HubSettings.onConnect.
if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', () => setTimeout(connect));
else setTimeout(connect);
addEventListener('pagehide', () => hub.disconnect());
