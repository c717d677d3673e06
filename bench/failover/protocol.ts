/** Messages between `failover.bench.ts` (the conductor) and its load process (`desktops.ts`). */

/** How a desktop signs in again on the survivor (docs/cluster.md, "Signing in again"). */
export type Mechanism = 'scram' | 'token';

export type ToDesktops =
  | { type: 'sign-in'; origin: string; count: number; concurrency: number; mechanism: Mechanism }
  | {
      type: 'arm';
      survivor: string;
      xmppPort: number;
      systemPassword: string;
      jitterMs: number;
      minBackoffMs: number;
      eventsPerSecond: number;
    }
  | { type: 'await'; killedAt: number; timeoutMs: number; drainMs: number }
  | { type: 'stop' };

export type FromDesktops =
  | { type: 'signed-in'; ok: number; failed: number; seconds: number; firstError?: string }
  | { type: 'armed' }
  | {
      type: 'result';
      desktops: number;
      /** Signed in, subscribed and reloaded on the survivor. */
      back: number;
      /** From the kill, ms: the last desktop subscribed again, and its user fetched again. */
      lastSubscribedMs: number;
      lastReloadedMs: number;
      medianSubscribedMs: number;
      /** Sign-ins the survivor refused or failed, tried again. */
      retries: number;
      /** Events for a desktop published before it was subscribed again: its GET User fetched them. */
      eventsDuringGap: number;
      /** Events published after the desktop was subscribed again, and how many of them never came. */
      eventsAfterSubscribed: number;
      lost: number;
      firstError?: string;
      /** Medians of where a desktop's time went on the survivor, ms, and of its wait before trying. */
      medianSteps: Record<'session' | 'sasl' | 'bind' | 'subscribe' | 'reload', number>;
      medianJitterMs: number;
      /** The load process's CPU (cores) and event-loop delay while the desktops moved. */
      loadCpu: number;
      loadLagP99Ms: number;
      /** The commonest reasons a sign-in on the survivor was tried again. */
      retryReasons: Record<string, number>;
    };
