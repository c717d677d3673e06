import { clock, dateTime, duration } from './time.ts';
import type { TraceResult } from './trace.ts';

const KIND: Record<TraceResult['kind'], string> = {
  requestId: 'request (requestId)',
  nocache: 'request (nocache)',
  agent: 'agent timeline',
  dialog: 'call (dialog id)',
  unknown: 'unknown id',
};

/** The trace as a terminal timeline: time, what the hop took, the step, what happened, where. */
export function formatTrace(r: TraceResult): string {
  const out: string[] = [];
  const first = r.hops.find((h) => h.time !== undefined)?.time;
  out.push(
    `trace ${r.id} — ${KIND[r.kind]}${r.agentId && r.kind !== 'agent' ? `, agent ${r.agentId}` : ''}` +
      (first !== undefined ? `, ${dateTime(first)}` : ''),
  );
  out.push('');
  const stepWidth = Math.max(10, ...r.hops.map((h) => h.step.length)) + 2;
  const indent = ' '.repeat(2 + 12 + 2 + 10 + 2 + stepWidth);
  for (const h of r.hops) {
    const took = h.tookMs === undefined ? '' : `+${duration(h.tookMs)}`;
    out.push(`  ${clock(h.time)}  ${took.padStart(10)}  ${h.step.padEnd(stepWidth)}${h.summary}`);
    out.push(`${indent}${h.file}:${h.line}`);
  }
  if (r.hops.length === 0) out.push('  (no log line carries this id)');
  out.push('');
  if (r.brokenAt) out.push(`BROKEN: ${r.brokenAt}`);
  else if (r.kind !== 'agent' && r.kind !== 'unknown') out.push('complete: every hop is in the logs');
  if (r.missing.length) out.push(`not found (does not break the chain): ${r.missing.join('; ')}`);
  const total = r.totalMs === undefined ? '' : `${duration(r.totalMs)} from first to last hop; `;
  out.push(
    `${total}${r.hops.length} hops; read ${r.scanned.files} files, ${(r.scanned.bytes / 1e6).toFixed(1)} MB`,
  );
  return out.join('\n') + '\n';
}
