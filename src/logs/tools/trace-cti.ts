/**
 * The CTI hops of a request: the webservices CTI lines, cti.log (raw + decoded) and the CTI server
 * trace. A User request is about an agent (its AGENT_STATE_EVENT answers it); a Dialog request is
 * about a call (the next call event of the same ConnectionCallID answers it).
 */
import { agentIdIn, agentOf, callIdsIn, callIdsOf, ctiName, invokeIdOf } from './keys.ts';
import type { CtiLine } from './parse.ts';
import type { Entry } from './scan.ts';
import { hop, type Scanner, type TraceHop } from './trace.ts';
import { CTI_WINDOW_MS, isFrom, t, type Ws, within } from './trace-chain.ts';

export interface CtiSubject {
  agent: string | undefined;
  /** Set for a Dialog request: the call the request acts on. */
  callId?: number;
}

const isConf = (name: string) => /Conf$/.test(name);

export async function ctiHops(
  scanner: Scanner,
  ws: Entry[],
  toCti: Ws,
  { agent, callId }: CtiSubject,
  hops: TraceHop[],
  missing: string[],
  broke: (why: string) => void,
) {
  const sent = t(toCti) ?? 0;
  const invoke = invokeIdOf(toCti.record.fields.cti_message ?? '');
  const name = ctiName(toCti.record);
  hops.push(hop('MESSAGE_TO_CTI_SERVER', toCti));
  const after = ws.filter(
    (e) => isFrom(e) && (t(e) ?? sent) >= sent && within(e, sent, CTI_WINDOW_MS),
  ) as Ws[];
  const conf =
    invoke === undefined
      ? undefined
      : after.find((e) => invokeIdOf(e.record.fields.cti_message ?? '') === invoke);
  const isAnswer = (text: string, msgName: string) =>
    callId !== undefined
      ? !isConf(msgName) && callIdsIn(text).includes(callId)
      : /AgentStateEvent/.test(msgName) && agentIdIn(text) === agent;
  const event = after.find((e) => isAnswer(e.record.fields.cti_message ?? '', ctiName(e.record)));

  // cti.log: the same invoke id, raw and decoded, and the event for the agent or the call.
  let send: Entry | undefined;
  let recvConf: Entry | undefined;
  let recvEvent: Entry | undefined;
  if (scanner.hasFiles('cti')) {
    const needles = [
      ...(invoke !== undefined ? [`invokeId=${invoke} `] : []),
      ...(callId !== undefined ? [String(callId)] : agent ? [agent] : []),
    ];
    const cti = (
      await scanner.read(['cti'], { from: sent - 5000, to: sent + CTI_WINDOW_MS }, needles)
    ).filter((e): e is Entry<CtiLine> => e.record.source === 'cti');
    send = cti.find(
      (e) => e.record.direction === 'SEND' && e.record.invokeId === invoke && e.record.name === name,
    );
    recvConf = cti.find(
      (e) => e.record.direction === 'RECV' && invoke !== undefined && e.record.invokeId === invoke,
    );
    recvEvent = cti.find(
      (e) =>
        e.record.direction === 'RECV' &&
        (callId !== undefined
          ? !isConf(e.record.name) && callIdsOf(e.record).includes(callId)
          : /AgentStateEvent/.test(e.record.name) && agentOf(e.record) === agent) &&
        (t(e) ?? sent) >= sent,
    );
    if (!send) missing.push(`cti.log SEND ${name} invokeId=${invoke}`);
  } else missing.push('cti.log');
  let server: Entry | undefined;
  if (scanner.hasFiles('cti-server') && (agent || callId !== undefined)) {
    const needles = callId !== undefined ? [`CallID=${callId} `] : [agent ?? ''];
    const sim = await scanner.read(['cti-server'], { from: sent - 1000, to: sent + 10_000 }, needles);
    server = sim.find((e) =>
      callId !== undefined
        ? e.record.source === 'cti-server' &&
          e.record.text.includes('CALL_EVENT:') &&
          callIdsOf(e.record).includes(callId) &&
          (t(e) ?? sent) >= sent - 5
        : agentOf(e.record) === agent && (t(e) ?? sent) >= sent - 1000,
    );
    if (!server) missing.push(`CTI server log line for the ${callId !== undefined ? 'call' : 'agent'}`);
  }

  // Pushed in causal order: hops within the same millisecond keep it.
  const failed = conf !== undefined && /Failure/i.test(ctiName(conf.record));
  if (send) hops.push(hop('CTI SEND', send));
  if (server) hops.push(hop('CTI server', server));
  if (recvConf) hops.push(hop('CTI RECV', recvConf));
  if (conf) hops.push(hop(failed ? 'CTI FAILURE' : 'CONF', conf));
  else missing.push(`CONF for invoke ${invoke}`);
  if (failed) broke(`the CTI server rejected invoke ${invoke}: ${ctiName(conf.record)}`);
  if (recvEvent) hops.push(hop('CTI RECV', recvEvent));
  if (event) hops.push(hop(callId !== undefined ? 'CALL_EVENT' : 'AGENT_STATE_EVENT', event));
  else if (callId === undefined && /AgentState/i.test(name)) {
    broke(
      conf
        ? `CTI answered no AGENT_STATE_EVENT (invoke ${invoke} was confirmed)`
        : `CTI answered no AGENT_STATE_EVENT and no CONF for invoke ${invoke}`,
    );
  } else if (!conf) broke(`the CTI server never answered invoke ${invoke}`);
}
