/**
 * The Troubleshooting page's I/O: `switchboard trace` and `switchboard diagnose` run by the node
 * over its own logs (GET /finesse/api/Troubleshooting/Trace|Diagnose, JSON — see
 * src/api/routes/troubleshooting.ts). The result types are the tools' own, imported as types
 * only, so that the page and the tools cannot drift apart.
 */
import type { DiagnoseResult } from '../../logs/tools/diagnose.ts';
import type { TraceResult } from '../../logs/tools/trace.ts';
import type { RestClient } from './client/rest.ts';
import { describeErrors } from './desktop-data.ts';

export type { DiagnoseResult, TraceResult };

export interface TroubleshootingState {
  traceId: string;
  trace: TraceResult | undefined;
  diagnosis: DiagnoseResult | undefined;
  /** Which request is under way, so that its button can say so. */
  busy: '' | 'trace' | 'diagnose';
  error: string;
}

export const TROUBLESHOOTING_EMPTY: TroubleshootingState = {
  traceId: '',
  trace: undefined,
  diagnosis: undefined,
  busy: '',
  error: '',
};

const api = '/finesse/api/Troubleshooting';

export class Troubleshooting {
  state: TroubleshootingState = TROUBLESHOOTING_EMPTY;
  readonly #rest: RestClient;
  readonly #onChange: (s: TroubleshootingState) => void;

  constructor(rest: RestClient, onChange: (s: TroubleshootingState) => void) {
    this.#rest = rest;
    this.#onChange = onChange;
  }

  #set(patch: Partial<TroubleshootingState>) {
    this.state = { ...this.state, ...patch };
    this.#onChange(this.state);
  }

  async trace(id: string): Promise<void> {
    const traceId = id.trim();
    if (!traceId) {
      this.#set({ error: 'Enter a requestId, nocache value, agent id or dialog id.' });
      return;
    }
    this.#set({ traceId, busy: 'trace', error: '' });
    const r = await this.#fetch<TraceResult>(`${api}/Trace?id=${encodeURIComponent(traceId)}`);
    this.#set({ busy: '', ...(r.ok ? { trace: r.value } : { trace: undefined, error: r.error }) });
  }

  async diagnose(): Promise<void> {
    this.#set({ busy: 'diagnose', error: '' });
    const r = await this.#fetch<DiagnoseResult>(`${api}/Diagnose`);
    this.#set({ busy: '', ...(r.ok ? { diagnosis: r.value } : { diagnosis: undefined, error: r.error }) });
  }

  /** After sign-out: the next administrator starts from an empty page. */
  reset(): void {
    this.#set(TROUBLESHOOTING_EMPTY);
  }

  async #fetch<T>(path: string): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
    const res = await this.#rest.get(path);
    if (!res.ok) {
      const missing = res.status === 404 || res.status === 405;
      return {
        ok: false,
        error: missing
          ? 'This server does not offer the troubleshooting API.'
          : `Request failed: ${describeErrors(res.errors, res.status)}`,
      };
    }
    try {
      return { ok: true, value: JSON.parse(res.text) as T };
    } catch {
      return { ok: false, error: 'The server answered something that is not a troubleshooting result.' };
    }
  }
}
