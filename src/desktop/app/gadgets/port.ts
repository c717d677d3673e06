/**
 * What a gadget frame and the container page say to each other. Gadget documents are served from
 * the desktop's own origin (gadgets.md §A.1), so the gadget runtime (gadget-runtime/) calls the
 * container directly through `parent[CONTAINER_GLOBAL]` instead of posting messages; data crosses
 * as JSON text so that each window parses it into objects of its own realm. This interface is
 * ours (§F: the container ↔ library protocol is free), and both bundles import it.
 */

export const CONTAINER_GLOBAL = 'switchboardGadgetContainer';

/** What the server puts into a gadget document for the runtime (`<script type=application/json>`). */
export interface GadgetBoot {
  /** The gadget's module id (`mid`), its number in the page. */
  mid: string;
  /** The spec URL as the layout gave it (query string included). */
  url: string;
  title: string;
  /** `<Require feature>` / `<Optional feature>` names. */
  features: string[];
  /** `<Param>`s of the features: `{ loadingindicator: { 'manual-dismiss': 'true' } }`. */
  params: Record<string, Record<string, string>>;
  /** Declared `<UserPref>` defaults. */
  userPrefs: Record<string, string>;
  /** The `<Locale>` bundle chosen for the gadget's locale. */
  messages: Record<string, string>;
}

/** The gadget runtime's side: the container calls it to deliver a hub message. */
export type HubDeliver = (subscriptionId: string, topic: string, json: string) => void;

export interface MakeRequestParams {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  fullHeaders: boolean;
}

export interface MakeRequestResult {
  rc: number;
  text: string;
  headers: Record<string, string[]>;
  errors: string[];
}

/** One connected gadget frame, as the container serves it. */
export interface GadgetSession {
  readonly mid: string;
  publish(topic: string, json: string): void;
  /** Returns the subscription id; throws on a malformed topic. */
  subscribe(topic: string): string;
  unsubscribe(subscriptionId: string): void;
  /** Pixels; undefined = as tall as the document's content. */
  adjustHeight(px: number): void;
  setTitle(title: string): void;
  dismissLoading(): void;
  requestNavigateTo(view: string): void;
  /** `done` gets the result as JSON text (a `MakeRequestResult`). */
  makeRequest(url: string, params: MakeRequestParams, done: (json: string) => void): void;
  /** The frame is going away: drop its subscriptions. */
  disconnect(): void;
}

export interface ContainerPort {
  /**
   * Undefined when `mid` is not a gadget of this page (a stale or foreign frame). `boot` is the
   * frame's `GadgetBoot` as JSON: title, features and loading-indicator params for the frame.
   */
  connect(mid: string, deliver: HubDeliver, boot: string): GadgetSession | undefined;
}
