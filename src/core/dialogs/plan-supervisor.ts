import type { DialogActionRequest } from '../core-api.ts';
import { CoreErrors } from '../errors.ts';
import type { Result } from '../model.ts';
import { type ActionFacts, type ActionPlan, fail, LEFT, participant, plan } from './plan-kit.ts';

/**
 * The supervisor's requests on an agent's dialog (finesse-api.md §1.1: "S for PARTICIPANT_DROP /
 * BARGE", and SILENT_MONITOR): allowed for a supervisor of a team of an agent on the call.
 */

/** PARTICIPANT_DROP: a supervisor drops a party (after a barge-in) from a call of its team. */
export function participantDrop(f: ActionFacts, req: DialogActionRequest): Result<ActionPlan> {
  if (f.supervisedDevices.size === 0) return fail(CoreErrors.notParticipant(f.dialog.id));
  const target = req.targetMediaAddress?.trim();
  if (!target) return fail(CoreErrors.parameterMissing('targetMediaAddress'));
  const party = participant(f.dialog, target);
  if (!party || LEFT.has(party.state)) {
    return fail(CoreErrors.invalidInput('targetMediaAddress is not a participant of this dialog', target));
  }
  return plan(
    {
      method: 'clearConnection',
      args: { call: f.connectionOf(target), device: target, instrument: f.actorExtension || target },
    },
    (c) =>
      c.dialog.id === f.dialog.id &&
      (c.event === 'DELETE' || LEFT.has(participant(c.dialog, target)?.state ?? '')),
  );
}

/** SILENT_MONITOR / BARGE_CALL on an agent's dialog, by a supervisor of that agent's team. */
export function supervise(f: ActionFacts, action: 'SILENT_MONITOR' | 'BARGE_CALL'): Result<ActionPlan> {
  const agent = f.dialog.participants.find(
    (p) => f.supervisedDevices.has(p.mediaAddress) && !LEFT.has(p.state),
  );
  if (!agent) return fail(CoreErrors.notParticipant(f.dialog.id));
  if (!f.actorExtension) return fail(CoreErrors.invalidState('The supervisor is not signed in', 'LOGOUT'));
  if (agent.mediaAddress === f.actorExtension) {
    return fail(CoreErrors.invalidDestination('A supervisor cannot monitor itself', agent.mediaAddress));
  }
  // §1.4: a barge on a held agent is Invalid Destination.
  if (action === 'BARGE_CALL' && agent.state === 'HELD') {
    return fail(CoreErrors.invalidDestination('The agent has the call on hold', agent.mediaAddress));
  }
  if (f.dialog.state !== 'ACTIVE' || agent.state !== 'ACTIVE') {
    return fail(CoreErrors.invalidState(`${action} needs an active call`, agent.state));
  }
  const supervisor = f.actorExtension;
  const planned = plan(
    {
      method: 'superviseCall',
      args: {
        agentCall: f.connectionOf(agent.mediaAddress),
        agentInstrument: agent.mediaAddress,
        supervisorInstrument: supervisor,
        ...(action === 'BARGE_CALL' && f.monitorCall ? { supervisorCall: f.monitorCall } : {}),
        action: action === 'SILENT_MONITOR' ? 'MONITOR' : 'BARGE_IN',
      },
    },
    (c) => c.event !== 'DELETE' && participant(c.dialog, supervisor)?.state === 'ACTIVE',
  );
  // The monitoring call that follows belongs to this dialog: a later BARGE_CALL on it barges here.
  if (planned.ok && action === 'SILENT_MONITOR') planned.value.associates = true;
  return planned;
}
