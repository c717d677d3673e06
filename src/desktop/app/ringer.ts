/// <reference lib="dom" />
/**
 * A call arriving while the desktop's tab is in the background: a browser notification (the
 * caller, and the call data the team's layout puts in its pop-over) and a ring cue played with
 * Web Audio (two tones, as a telephone rings: 2 s on, 4 s off), which stops when the call is
 * answered, goes away, or the tab comes to the front. The page asks for the notification
 * permission, and wakes audio, on the sign-in click (browsers allow both only after a gesture).
 */
import type { Dialog } from './client/models.ts';
import { mediaValue, popOverEntries } from './components/sb-call-data.ts';
import type { DesktopData } from './desktop-data.ts';

/** North American ring: 440 Hz and 480 Hz together (ITU-T E.180 ringing tone), 2 s on, 4 s off. */
const TONES = [440, 480];
const ON_S = 2;
const PERIOD_MS = 6000;

export class Ringer {
  #audio: AudioContext | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Ringing dialogs already announced: one notification per call. */
  readonly #announced = new Set<string>();
  readonly #doc: Document;

  constructor(doc: Document = document) {
    this.#doc = doc;
    doc.addEventListener('visibilitychange', () => {
      if (!doc.hidden) this.#stop();
    });
  }

  /** Called from the sign-in click: the permission prompt and the audio context need a gesture. */
  prepare(): void {
    if ('Notification' in window && Notification.permission === 'default')
      void Notification.requestPermission();
    try {
      this.#audio ??= new AudioContext();
      // Started inside the gesture (which allows it to play later), then suspended at once: a
      // running context renders silence on an audio thread all day long, on every agent's PC.
      const audio = this.#audio;
      void audio.resume().then(() => (this.#timer === undefined ? audio.suspend() : undefined));
    } catch {
      // No Web Audio: notifications only.
    }
  }

  /** The desktop's data changed: announce calls that started ringing, stop when none rings. */
  update(data: DesktopData): void {
    const extension = data.user?.extension;
    const ringing = extension ? data.dialogs.filter((d) => isRingingFor(d, extension)) : [];
    for (const id of this.#announced) if (!ringing.some((d) => d.id === id)) this.#announced.delete(id);
    if (ringing.length === 0) {
      this.#stop();
      return;
    }
    if (!this.#doc.hidden) return;
    for (const d of ringing) {
      if (this.#announced.has(d.id)) continue;
      this.#announced.add(d.id);
      this.#notify(d, data);
    }
    this.#start();
  }

  #notify(d: Dialog, data: DesktopData): void {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    const lines = data.layout
      ? popOverEntries(data.layout)
          .map((e) => [e.displayName || e.mediaProperty, mediaValue(d, e.mediaProperty)])
          .filter(([, v]) => v)
          .map(([k, v]) => `${k}: ${v}`)
      : [];
    try {
      const n = new Notification(`Incoming call from ${d.fromAddress || 'unknown'}`, {
        body: lines.join('\n'),
        tag: `call-${d.id}`,
        requireInteraction: true,
      });
      n.onclick = () => {
        window.focus();
        n.close();
      };
    } catch {
      // Some browsers refuse page notifications outright: the ring cue still plays.
    }
  }

  #start(): void {
    if (this.#timer !== undefined || !this.#audio) return;
    const ring = () => {
      const ctx = this.#audio;
      if (!ctx) return;
      const gain = ctx.createGain();
      gain.gain.value = 0.15;
      gain.connect(ctx.destination);
      for (const hz of TONES) {
        const osc = ctx.createOscillator();
        osc.frequency.value = hz;
        osc.connect(gain);
        osc.start();
        osc.stop(ctx.currentTime + ON_S);
      }
    };
    void this.#audio.resume();
    ring();
    this.#timer = setInterval(ring, PERIOD_MS);
  }

  #stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    void this.#audio?.suspend();
  }

  get isRinging(): boolean {
    return this.#timer !== undefined;
  }
}

function isRingingFor(d: Dialog, extension: string): boolean {
  return d.participants.some((p) => p.mediaAddress === extension && p.state === 'ALERTING');
}
