/**
 * `<sb-troubleshooting>`: the administrator's Troubleshooting page — `switchboard trace` and
 * `switchboard diagnose` on the node's own logs, without a shell on the node. A request id gives
 * its hop timeline (step, time, what the hop took, summary); where the chain breaks, the last hop
 * found is highlighted and the break is said in words. "Diagnose" shows the disconnect analysis:
 * classification, incidents, disconnects and the checks the seed recommends.
 *
 * Property in: `state` (TroubleshootingState from troubleshooting.ts).
 * Events out: `sb-trace` { id }, `sb-diagnose`.
 */
import type { DiagnoseResult, TraceResult, TroubleshootingState } from '../troubleshooting.ts';
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

const VERDICT: Record<DiagnoseResult['classification'], string> = {
  none: 'No desktop (BOSH) disconnects in the logs.',
  client:
    "Client side: agents dropped at different times — check the agents' network, browser, sleep and CPU.",
  server: 'Server side: agents dropped at once, or the notification service or CTI link went down.',
  mixed: 'Mixed: server-side incidents, and client-side drops apart from them.',
};

const time = (t: number | undefined) => (t === undefined ? '—' : new Date(t).toISOString().slice(11, 23));
const ms = (v: number | undefined) => (v === undefined ? '' : `${v} ms`);

export class SbTroubleshooting extends SbElement {
  #state: TroubleshootingState | undefined;

  set state(v: TroubleshootingState) {
    if (v === this.#state) return;
    this.#state = v;
    this.requestRender();
  }

  #trace(r: TraceResult) {
    // The chain stops after the last hop that was found: that is where to look.
    const brokenIndex = r.brokenAt ? r.hops.length - 1 : -1;
    return h(
      'section',
      { class: 'card trace-result', 'aria-label': 'Trace result' },
      h('h3', null, `Trace ${r.id} (${r.kind})${r.agentId ? ` — agent ${r.agentId}` : ''}`),
      r.brokenAt
        ? h('p', { class: 'error', role: 'alert', 'data-key': 'trace-broken' }, `Broken: ${r.brokenAt}`)
        : h(
            'p',
            { class: 'status' },
            `Complete: ${r.hops.length} hops, ${ms(r.totalMs) || '—'} first to last`,
          ),
      r.missing.length > 0 &&
        h('p', { class: 'hint' }, `Not found (does not break the chain): ${r.missing.join('; ')}`),
      h(
        'table',
        { class: 'grid', 'aria-label': 'Hops' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Step', 'Time (UTC)', 'Took', 'Summary', 'Where'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          null,
          r.hops.map((hop, i) =>
            h(
              'tr',
              {
                class: i === brokenIndex ? 'broken' : undefined,
                'aria-invalid': i === brokenIndex ? 'true' : undefined,
              },
              h('td', null, hop.step),
              h('td', null, time(hop.time)),
              h('td', { class: 'num' }, ms(hop.tookMs)),
              h('td', null, hop.summary),
              h('td', { class: 'where' }, `${hop.file}:${hop.line}`),
            ),
          ),
        ),
      ),
    );
  }

  #diagnosis(r: DiagnoseResult) {
    return h(
      'section',
      { class: 'card diagnosis', 'aria-label': 'Diagnosis' },
      h('h3', null, 'Diagnosis'),
      h(
        'p',
        { class: `verdict verdict-${r.classification}`, 'data-key': 'classification' },
        h('strong', null, r.classification.toUpperCase()),
        ` — ${VERDICT[r.classification]} (${r.agentsSeen} agents seen, ${r.scanned.files} log files read)`,
      ),
      h('h4', null, 'Incidents'),
      r.incidents.length === 0
        ? h('p', { class: 'empty' }, 'None.')
        : h(
            'ul',
            { class: 'incidents' },
            r.incidents.map((i) =>
              h(
                'li',
                null,
                `[${i.side}] ${i.cause}: ${i.summary}, ${time(i.start)} — agents ${i.agents.join(', ') || '—'}`,
              ),
            ),
          ),
      h('h4', null, 'Disconnects'),
      r.disconnects.length === 0
        ? h('p', { class: 'empty' }, 'None.')
        : h(
            'table',
            { class: 'grid', 'aria-label': 'Disconnects' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['Agent', 'Side', 'Dropped', 'Back', 'Down for', 'Logged out'].map((c) =>
                  h('th', { scope: 'col' }, c),
                ),
              ),
            ),
            h(
              'tbody',
              null,
              r.disconnects.map((d) =>
                h(
                  'tr',
                  null,
                  h('td', null, d.agentId),
                  h('td', null, d.side),
                  h('td', null, time(d.start)),
                  h('td', null, time(d.end)),
                  h('td', null, ms(d.durationMs)),
                  h('td', null, d.loggedOutByPresence ? `yes (reason ${d.reasonCode ?? '?'})` : 'no'),
                ),
              ),
            ),
          ),
      r.checks.map((g) =>
        h(
          'div',
          { class: 'checks' },
          h('h4', null, `Recommended checks — ${g.title}`),
          h(
            'ol',
            null,
            g.checks.map((c) =>
              h(
                'li',
                null,
                c.title,
                h(
                  'ul',
                  null,
                  c.steps.map((s) => h('li', null, s)),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  protected render() {
    const s = this.#state;
    if (!s) return null;
    return h(
      'section',
      { class: 'admin card', 'aria-label': 'Troubleshooting' },
      h('h2', null, 'Troubleshooting'),
      h(
        'form',
        {
          class: 'row',
          'aria-label': 'Trace',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            const id = new FormData(ev.target as HTMLFormElement).get('traceId');
            emit(this, 'sb-trace', { id: String(id ?? '') });
          },
        },
        h('label', { for: 'trace-id' }, 'Request id'),
        h('input', {
          id: 'trace-id',
          name: 'traceId',
          'data-key': 'trace-id',
          value: s.traceId,
          autocomplete: 'off',
          placeholder: 'requestId, nocache, agent id or dialog id',
        }),
        h(
          'button',
          { type: 'submit', class: 'btn go', 'data-key': 'trace', disabled: s.busy !== '' },
          s.busy === 'trace' ? 'Tracing…' : 'Trace',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn',
            'data-key': 'diagnose',
            disabled: s.busy !== '',
            onclick: () => emit(this, 'sb-diagnose', {}),
          },
          s.busy === 'diagnose' ? 'Diagnosing…' : 'Diagnose',
        ),
      ),
      s.error && h('p', { class: 'error', role: 'alert' }, s.error),
      s.trace && this.#trace(s.trace),
      s.diagnosis && this.#diagnosis(s.diagnosis),
    );
  }
}

define('sb-troubleshooting', SbTroubleshooting);
declare global {
  interface HTMLElementTagNameMap {
    'sb-troubleshooting': SbTroubleshooting;
  }
}
