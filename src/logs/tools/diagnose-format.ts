import type { DiagnoseResult, Disconnect, Evidence } from './diagnose.ts';
import { clock, dateTime, duration } from './time.ts';

const VERDICT: Record<DiagnoseResult['classification'], string> = {
  none: 'no BOSH/desktop disconnects in this window',
  client:
    "CLIENT side — agents dropped at different times: look at the agents' network, browser, sleep settings and CPU",
  server:
    'SERVER side — agents dropped all at once, or the notification service or CTI link went down: look at the server',
  mixed: 'MIXED — server-side incident(s) and, apart from them, client-side drops at different times',
};

function outcome(d: Disconnect): string {
  if (d.loggedOutByPresence)
    return `LOGGED OUT by presence (reason ${d.reasonCode ?? '?'}) at ${clock(d.logoutAt)}`;
  if (d.end === undefined) return 'not back by the end of the logs';
  return d.cameBackWithinWindow ? 'back within the presence window' : 'back after the presence window';
}

function cite(e: Evidence): string {
  return `      ${e.file}:${e.line}  ${e.text}`;
}

/** The diagnosis for the terminal: verdict, per-agent drops, incidents with evidence, what to check. */
export function formatDiagnosis(r: DiagnoseResult): string {
  const out: string[] = [];
  const span =
    r.window.from || r.window.to ? ` — window ${dateTime(r.window.from)} → ${dateTime(r.window.to)}` : '';
  out.push(
    `diagnose${span}: ${r.agentsSeen} agents seen, ${r.disconnects.length} disconnects, read ${r.scanned.files} files (${(r.scanned.bytes / 1e6).toFixed(1)} MB)`,
  );
  out.push('');
  out.push(`Classification: ${VERDICT[r.classification]}`);
  if (r.disconnects.length > 0) {
    out.push('');
    out.push('Disconnects');
    out.push(
      `  ${'agent'.padEnd(10)} ${'side'.padEnd(6)} ${'dropped'.padEnd(12)}  ${'last BOSH req'.padEnd(12)}  ${'back'.padEnd(12)}  ${'down for'.padEnd(12)} outcome`,
    );
    for (const d of r.disconnects) {
      out.push(
        `  ${d.agentId.padEnd(10)} ${d.side.padEnd(6)} ${clock(d.start)}  ${(d.lastRequest === undefined ? '—' : clock(d.lastRequest)).padEnd(12)}  ` +
          `${(d.end === undefined ? '—' : clock(d.end)).padEnd(12)}  ${(d.durationMs === undefined ? '—' : duration(d.durationMs)).padEnd(12)} ${outcome(d)}`,
      );
    }
  }
  if (r.incidents.length > 0) {
    out.push('');
    out.push('Incidents');
    for (const i of r.incidents) {
      const when = `${dateTime(i.start)}${i.end !== undefined && i.end !== i.start ? ` → ${clock(i.end)}` : ''}`;
      out.push(
        `  [${i.side.toUpperCase()}] ${i.cause}: ${i.summary}, ${when}${i.agents.length ? ` — agents ${i.agents.join(', ')}` : ''}`,
      );
      for (const e of i.evidence) out.push(cite(e));
    }
  }
  if (r.presenceLogouts.length > 0) {
    out.push('');
    out.push('Presence-driven logouts');
    for (const p of r.presenceLogouts)
      out.push(
        `  ${p.agentId} at ${dateTime(p.time)} (reason ${p.reasonCode ?? '?'})  ${p.evidence.file}:${p.evidence.line}`,
      );
  }
  for (const group of r.checks) {
    out.push('');
    out.push(`Recommended checks — ${group.title}`);
    group.checks.forEach((c, n) => {
      out.push(`  ${n + 1}. ${c.title}`);
      for (const s of c.steps) out.push(`     - ${s}`);
    });
  }
  return out.join('\n') + '\n';
}
