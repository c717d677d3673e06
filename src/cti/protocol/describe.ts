import { callValueName } from './call-values.ts';
import type { AgentStateEvent, Message, SetAgentStateReq } from './layouts.ts';
import { agentStateName, MessageType } from './messages.ts';

/**
 * Human-readable decodes for the logs, in the shapes of the seed's Finesse webservices log so that
 * its troubleshooting recipes (grep for `agentState=2 (NOT_READY)` …) work on ours.
 */
export function describeMessage(msg: Message): string {
  switch (msg.type) {
    case 'SET_AGENT_STATE_REQ':
      return describeSetAgentStateReq(msg);
    case 'AGENT_STATE_EVENT':
      return describeAgentStateEvent(msg);
    case 'UNKNOWN':
      return `${messageName(msg)} [messageType=${msg.messageType}, length=${msg.body.length}]`;
    default:
      return `${messageName(msg)} [${Object.entries(msg)
        .filter(([key]) => key !== 'type')
        .map(([key, value]) => `${key}=${SECRET_FIELDS.has(key) ? '***' : showField(key, value)}`)
        .join(', ')}]`;
  }
}

/** Finesse's Java class name for a message: SET_AGENT_STATE_REQ → SetAgentStateReq. */
export function messageName(msg: Message): string {
  if (msg.type === 'UNKNOWN') return 'UnknownMessage';
  return msg.type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

const SECRET_FIELDS = new Set(['clientPassword', 'agentPassword']);

/**
 * The seed's MESSAGE_TO_CTI_SERVER line. Its labels are Finesse's, not Cisco's: "agentcapacity" is
 * the UCCX field in that slot (we send UCCE's AgentServiceReq there), "agenttext" is the
 * instrument. The reason code prints unsigned; the seed's -15532 was a signed-print bug (A.6).
 */
function describeSetAgentStateReq(m: SetAgentStateReq): string {
  return (
    `Invoke id :${m.invokeId} , agentstate : ${m.agentState}, workmode : ${m.agentWorkMode}, ` +
    `reason code: ${m.eventReasonCode}, forceflag :${m.forcedFlag}, agentcapacity: ${m.agentServiceReq}, ` +
    `agenttext: ${m.agentInstrument ?? ''}, agentid: ${m.agentId ?? ''}`
  );
}

/** The seed's DECODED_MESSAGE_FROM_CTI_SERVER line, minus its wall-clock timeTracker (we are pure). */
function describeAgentStateEvent(m: AgentStateEvent): string {
  const state = (code: number) => `${code} (${agentStateName(code)})`;
  const orNull = (v: unknown) => (v === undefined ? 'null' : String(v));
  const javaList = (v: readonly unknown[] | undefined) => `[${(v ?? []).join(', ')}]`;
  return (
    `CTIAgentStateEvent [skillGroupState=${state(m.skillGroupState)}, stateDuration=${m.stateDuration}, ` +
    `skillGroupNumber=${m.skillGroupNumber}, skillGroupPriority=${m.skillGroupPriority}, ` +
    `agentState=${state(m.agentState)}, eventReasonCode=${m.eventReasonCode}, ` +
    `numFltSkillGroups=${m.numFltSkillGroups},CTIClientSignature=${m.ctiClientSignature ?? 'null'}, ` +
    `agentID=${orNull(m.agentId)}, agentExtension=${orNull(m.agentExtension)}, ` +
    `agentInstrument=${orNull(m.agentInstrument)}, agentID_Long=${orNull(m.agentIdLong)}, ` +
    `duration=${orNull(m.duration)}, nextAgentState=${orNull(m.nextAgentState)}, ` +
    `fltSkillGroupNumberList=${javaList(m.fltSkillGroupNumber)}, fltSkillGroupIDList=${javaList(m.fltSkillGroupId)}, ` +
    `fltSkillGroupPriorityList=${javaList(m.fltSkillGroupPriority)}, ` +
    `fltSkillGroupStateList=${javaList(m.fltSkillGroupState)}]` +
    `CTIMessageBean [invokeID=null, msgID=${MessageType.AGENT_STATE_EVENT}, msgName=${messageName(m)}, ` +
    `deploymentType=CCE]`
  );
}

/**
 * A field's value, with the symbolic name of the call-message enums beside the number
 * (`localConnectionState=2 (LCS_ALERTING)`), as the seed prints `agentState=2 (NOT_READY)`.
 */
function showField(key: string, value: unknown): string {
  const named = (v: unknown) => {
    const name = typeof v === 'number' ? callValueName(key, v) : undefined;
    return name === undefined ? show(v) : `${v} (${name})`;
  };
  return Array.isArray(value) ? `[${value.map(named).join(', ')}]` : named(value);
}

function show(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${show(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}
