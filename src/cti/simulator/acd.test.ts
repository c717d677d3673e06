import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AgentState, CtiStatus } from '../protocol/index.ts';
import { Acd, type AcdResult, type SetAgentStateInput } from './acd.ts';

let clock = 0;
function acd() {
  clock = 1_000_000;
  return new Acd({
    peripheralId: 5000,
    now: () => clock,
    agents: [
      { agentId: '2001', instrument: '2003' },
      { agentId: '2002', instrument: '2004', password: 'secret', skillGroups: [{ number: 1, id: 11 }] },
    ],
  });
}

const base: SetAgentStateInput = { peripheralId: 5000, agentState: 0, eventReasonCode: 0, forcedFlag: 0 };
const req = (fields: Partial<SetAgentStateInput>): SetAgentStateInput => ({
  ...base,
  agentId: '2001',
  agentInstrument: '2003',
  ...fields,
});

function state(result: AcdResult) {
  assert.ok(result.ok, result.ok ? '' : `refused: ${result.reason}`);
  assert.equal(result.events.length, 1);
  const [event] = result.events;
  assert.ok(event.type === 'agentState');
  const { agent, skillGroupState } = event;
  return { state: agent.state, reason: agent.reasonCode, skillGroupState };
}

function status(result: AcdResult) {
  assert.ok(!result.ok, 'expected a refusal');
  return result.status;
}

test('the seed login: LOGIN puts the agent in NOT_READY, skill group state LOGIN, reason 0', () => {
  const model = acd();
  assert.equal(model.get('2001')?.state, AgentState.LOGOUT);
  assert.deepEqual(state(model.setAgentState(req({ eventReasonCode: 50004, forcedFlag: 1 }))), {
    state: AgentState.NOT_READY,
    reason: 0,
    skillGroupState: AgentState.LOGIN,
  });
});

test('READY, NOT_READY with a reason, LOGOUT with a reason', () => {
  const model = acd();
  model.setAgentState(req({}));
  const ready = { state: AgentState.AVAILABLE, reason: 0, skillGroupState: AgentState.AVAILABLE };
  assert.deepEqual(state(model.setAgentState(req({ agentState: AgentState.AVAILABLE }))), ready);
  assert.deepEqual(
    state(model.setAgentState(req({ agentState: AgentState.NOT_READY, eventReasonCode: 16 }))),
    {
      state: AgentState.NOT_READY,
      reason: 16,
      skillGroupState: AgentState.NOT_READY,
    },
  );
  assert.deepEqual(state(model.setAgentState(req({ agentState: AgentState.LOGOUT, eventReasonCode: 2 }))), {
    state: AgentState.LOGOUT,
    reason: 2,
    skillGroupState: AgentState.LOGOUT,
  });
});

test('UCCE allows LOGOUT from NOT_READY only, unless forced', () => {
  const model = acd();
  model.setAgentState(req({}));
  model.setAgentState(req({ agentState: AgentState.AVAILABLE }));
  const logout = req({ agentState: AgentState.LOGOUT });
  assert.equal(status(model.setAgentState(logout)), CtiStatus.E_CTI_INVALID_OBJECT_STATE);
  assert.equal(state(model.setAgentState({ ...logout, forcedFlag: 1 })).state, AgentState.LOGOUT);
});

test('state requests of a logged-out agent are refused', () => {
  const model = acd();
  for (const agentState of [AgentState.AVAILABLE, AgentState.NOT_READY, AgentState.LOGOUT]) {
    assert.equal(status(model.setAgentState(req({ agentState }))), CtiStatus.E_CTI_AGENT_NOT_LOGGED_ON);
  }
});

test('agent identity: unknown agent, wrong instrument, nothing given, wrong peripheral, wrong password', () => {
  const model = acd();
  assert.equal(status(model.setAgentState(req({ agentId: '9999' }))), CtiStatus.E_CTI_INVALID_AGENT_DATA);
  assert.equal(
    status(model.setAgentState(req({ agentInstrument: '2004' }))),
    CtiStatus.E_CTI_INCONSISTENT_AGENT_DATA,
  );
  assert.equal(
    status(model.setAgentState({ ...base, agentId: undefined, agentInstrument: undefined })),
    CtiStatus.E_CTI_REQUIRED_DATA_MISSING,
  );
  assert.equal(status(model.setAgentState(req({ peripheralId: 1 }))), CtiStatus.E_CTI_INVALID_PERIPHERAL_ID);
  const other = { agentId: '2002', agentInstrument: '2004' };
  assert.equal(
    status(model.setAgentState(req({ ...other, agentPassword: 'nope' }))),
    CtiStatus.E_CTI_INVALID_PASSWORD,
  );
  assert.equal(
    state(model.setAgentState(req({ ...other, agentPassword: 'secret' }))).state,
    AgentState.NOT_READY,
  );
});

test('the instrument alone finds the agent, as UCCE requests after login do', () => {
  const model = acd();
  model.setAgentState(req({}));
  const byInstrument = model.setAgentState({
    ...base,
    agentState: AgentState.AVAILABLE,
    agentInstrument: '2003',
  });
  assert.equal(state(byInstrument).state, AgentState.AVAILABLE);
  const found = model.find({ agentExtension: '2003' });
  assert.equal(found.ok && found.agent.agentId, '2001');
});

test('a second LOGIN is refused unless forced; forced, it re-announces the current state', () => {
  const model = acd();
  model.setAgentState(req({}));
  model.setAgentState(req({ agentState: AgentState.AVAILABLE }));
  assert.equal(status(model.setAgentState(req({}))), CtiStatus.E_CTI_INVALID_OBJECT_STATE);
  assert.equal(state(model.setAgentState(req({ forcedFlag: 1 }))).state, AgentState.AVAILABLE);
});

test('states only the ACD sets (TALKING, HOLD, RESERVED, WORK…) cannot be requested', () => {
  const model = acd();
  model.setAgentState(req({}));
  for (const agentState of [
    AgentState.TALKING,
    AgentState.HOLD,
    AgentState.RESERVED,
    AgentState.WORK_READY,
    99,
  ]) {
    assert.equal(status(model.setAgentState(req({ agentState }))), CtiStatus.E_CTI_INVALID_OBJECT_STATE);
  }
});

test('stateSince moves only when the state or reason changes', () => {
  const model = acd();
  model.setAgentState(req({}));
  clock += 7000;
  model.setAgentState(req({ agentState: AgentState.NOT_READY }));
  assert.equal(model.get('2001')?.stateSince, 1_000_000);
  model.setAgentState(req({ agentState: AgentState.NOT_READY, eventReasonCode: 16 }));
  assert.equal(model.get('2001')?.stateSince, 1_007_000);
  assert.equal(model.get('2002')?.skillGroups[0].number, 1);
  assert.equal(model.get('2001')?.skillGroups[0].number, 85881);
});
