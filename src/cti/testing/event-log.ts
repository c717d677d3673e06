import {
  agentStateName,
  localConnectionStateName,
  type Message,
  systemEventName,
} from '../protocol/index.ts';
import type { AcdEvent } from '../simulator/index.ts';

/**
 * One line per event, so a test can assert a whole sequence at once. Calls are labelled C1, C2 …
 * in order of first appearance, so tests do not depend on ConnectionCallID values.
 *
 *   wire:  `CALL_DELIVERED_EVENT C1 2003 LCS_ALERTING`   `AGENT_STATE_EVENT 2001 RESERVED`
 *   model: `delivered C1 2003 LCS_ALERTING`               `agent 2001 RESERVED`
 */
export class EventLog {
  readonly lines: string[] = [];
  readonly #labels = new Map<number, string>();

  label(callId: number): string {
    let label = this.#labels.get(callId);
    if (!label) {
      label = `C${this.#labels.size + 1}`;
      this.#labels.set(callId, label);
    }
    return label;
  }

  /** Takes (and removes) the lines logged so far. */
  take(): string[] {
    return this.lines.splice(0);
  }

  /** A GED-188 message; messages that are neither agent nor call events are skipped. */
  message(m: Message): void {
    const f = m as unknown as Record<string, unknown>;
    if (m.type === 'AGENT_STATE_EVENT') {
      this.lines.push(
        `AGENT_STATE_EVENT ${m.agentId} ${agentLine(m.agentState, m.eventReasonCode, m.nextAgentState)}`,
      );
    } else if (m.type === 'SYSTEM_EVENT') {
      this.lines.push(`SYSTEM_EVENT ${systemEventName(m.systemEventId)} ${m.eventDeviceId ?? ''}`);
    } else if (m.type.endsWith('_EVENT') && m.type !== 'FAILURE_EVENT') {
      const callId = (f.connectionCallId ?? f.primaryCallId) as number | undefined;
      const device = (f.connectionDeviceId ?? f.primaryDeviceId ?? f.agentInstrument ?? '') as string;
      const state =
        typeof f.localConnectionState === 'number'
          ? ` ${localConnectionStateName(f.localConnectionState)}`
          : '';
      const call = callId === undefined ? '' : ` ${this.label(callId)}`;
      this.lines.push(`${m.type}${call} ${device}${state}`.trimEnd());
    }
  }

  /** An ACD event (the model, before it becomes messages). */
  event(e: AcdEvent): void {
    if (e.type === 'agentState') {
      this.lines.push(
        `agent ${e.agent.agentId} ${agentLine(e.agent.state, e.agent.reasonCode, e.agent.nextAgentState)}`,
      );
    } else if (e.type === 'system') {
      this.lines.push(`system ${systemEventName(e.systemEventId)} ${e.device}`);
    } else {
      const state =
        e.kind === 'preCall' || e.kind === 'begin'
          ? ''
          : ` ${localConnectionStateName(e.localConnectionState)}`;
      this.lines.push(`${e.kind} ${this.label(e.call.id)} ${e.device}${state}`);
    }
  }

  events(events: readonly AcdEvent[]): void {
    for (const e of events) this.event(e);
  }
}

/** `NOT_READY 32767`, `TALKING next=NOT_READY`: the reason only when set. */
function agentLine(state: number, reason: number, next: number | undefined): string {
  return [
    agentStateName(state),
    reason ? String(reason) : '',
    next === undefined ? '' : `next=${agentStateName(next)}`,
  ]
    .filter(Boolean)
    .join(' ');
}
