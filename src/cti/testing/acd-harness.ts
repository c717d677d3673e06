import assert from 'node:assert/strict';
import { ManualTimers } from '../../clock/testing/manual-timers.ts';
import { AgentState } from '../protocol/index.ts';
import { Acd, type AcdOptions, type AcdResult } from '../simulator/index.ts';
import { EventLog } from './event-log.ts';

/** An ACD on a fake clock with three agents, and an EventLog of everything it emits. */

const AGENTS = [
  { agentId: '2001', instrument: '2003' },
  { agentId: '2002', instrument: '2004' },
  { agentId: '2005', instrument: '2006' },
];

export function setupAcd(options: Partial<AcdOptions> = {}) {
  const clock = new ManualTimers(1_700_000_000_000);
  const log = new EventLog();
  const acd = new Acd({
    peripheralId: 5000,
    timers: clock,
    agents: AGENTS,
    onEvents: (e) => log.events(e),
    ...options,
  });
  const ok = (result: AcdResult) => {
    assert.ok(result.ok, result.ok ? '' : `refused: ${result.reason}`);
    log.events(result.events);
    return result;
  };
  const state = (agentId: string, agentState: number, eventReasonCode = 0) =>
    ok(acd.setAgentState({ peripheralId: 5000, agentId, agentState, eventReasonCode, forcedFlag: 0 }));
  /** Logs agents in and makes them READY one second apart: the first is the longest available. */
  const ready = (...agentIds: string[]) => {
    for (const id of agentIds) {
      state(id, AgentState.LOGIN);
      state(id, AgentState.AVAILABLE);
      clock.advance(1000);
    }
    log.take();
  };
  const inject = (fields: { handleTimeSec?: number } = {}) =>
    ok(acd.injectCall({ dnis: '8000', ani: '5551234', callVariable1: 'acct=42', ...fields })).call?.callId ??
    0;
  return { acd, clock, log, ok, state, ready, inject, stop: () => acd.stop() };
}
