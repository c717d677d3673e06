import type { CallRef, CallSnapshot, ParticipantState } from '../core/index.ts';
import {
  type CallId,
  ConnectionDeviceIdType,
  LocalConnectionState as LCS,
  type SnapshotCallConf,
  type SnapshotDeviceConf,
} from '../cti/index.ts';
import { callData } from './cti-calls.ts';

/**
 * The composition root's adapters for the snapshots the CTI client asks after a (re)connect
 * (cti/client/recovery.ts): GED-188 CONFs to core's typed values, as cti-calls.ts does for events.
 */

/**
 * A party's LocalConnectionState as the participant state the call events would have left it in
 * (finesse-api.md §1.4). LCS_NULL (no relationship), LCS_QUEUED (stalled at a route point) and
 * LCS_NONE name no participant. Values: the 15.0 guide's "LocalConnectionState Values".
 */
const PARTICIPANT_STATES: Record<number, ParticipantState> = {
  [LCS.INITIATE]: 'INITIATED',
  [LCS.ALERTING]: 'ALERTING',
  [LCS.CONNECT]: 'ACTIVE',
  [LCS.HOLD]: 'HELD',
  [LCS.FAIL]: 'FAILED',
};

/** SNAPSHOT_DEVICE_CONF: the connection of each call on the phone. */
export function phoneCallsOf(conf: SnapshotDeviceConf): CallRef[] {
  return (conf.callConnectionCallId ?? []).map((callId, i) => ({
    callId,
    deviceIdType: conf.callConnectionDeviceIdType?.[i] ?? ConnectionDeviceIdType.STATIC,
    deviceId: conf.callConnectionDeviceId?.[i] ?? '',
  }));
}

/** SNAPSHOT_CALL_CONF, asked by `asked`: the call's context and every party that is one. */
export function callSnapshotOf(conf: SnapshotCallConf, asked: Required<CallId>): CallSnapshot {
  const parties: CallSnapshot['parties'] = [];
  (conf.callDeviceId ?? []).forEach((device, i) => {
    const state = PARTICIPANT_STATES[conf.callDeviceConnectionState?.[i] ?? LCS.NONE];
    if (!device || state === undefined) return;
    parties.push({
      call: {
        callId: conf.callConnectionCallId?.[i] ?? asked.connectionCallId,
        deviceIdType: conf.callConnectionDeviceIdType?.[i] ?? ConnectionDeviceIdType.STATIC,
        deviceId: conf.callConnectionDeviceId?.[i] ?? device,
      },
      device,
      state,
    });
  });
  return {
    call: {
      callId: asked.connectionCallId,
      deviceIdType: asked.connectionDeviceIdType,
      deviceId: asked.connectionDeviceId,
    },
    callType: conf.callType || undefined,
    ...callData(conf),
    parties,
  };
}
