import type { Dialog } from '../../core/index.ts';

/**
 * A voice dialog as core publishes it: a routed inbound call from 5551234 (DNIS 8000) answered on
 * `extension`. The REST tests use it as FakeCore's dialog; the serializer tests as their subject.
 */
export function inboundDialog(id = '16777217', extension = '3002'): Dialog {
  const t = '2026-11-22T10:00:01.000Z';
  return {
    id,
    associatedDialogUri: '',
    secondaryId: '',
    mediaType: 'Voice',
    fromAddress: '5551234',
    toAddress: extension,
    mediaProperties: {
      mediaId: '1',
      dialedNumber: '8000',
      callType: 'PREROUTE_ACD_IN',
      DNIS: '8000',
      queueNumber: '85881',
      queueName: '',
      callKeyCallId: '7',
      callKeySequenceNum: '',
      callKeyPrefix: '150000',
      wrapUpReason: '',
      callvariables: [
        { name: 'callVariable1', value: 'acct=42' },
        { name: 'user.lang', value: 'de & <fr>' },
      ],
    },
    participants: [
      {
        actions: [],
        mediaAddress: '5551234',
        mediaAddressType: '',
        startTime: t,
        state: 'ACTIVE',
        stateCause: '',
        stateChangeTime: t,
      },
      {
        actions: ['TRANSFER_SST', 'CONSULT_CALL', 'HOLD', 'UPDATE_CALL_DATA', 'SEND_DTMF', 'DROP'],
        mediaAddress: extension,
        mediaAddressType: 'AGENT_DEVICE',
        startTime: t,
        state: 'ACTIVE',
        stateCause: '',
        stateChangeTime: '2026-11-22T10:00:05.000Z',
      },
    ],
    state: 'ACTIVE',
    uri: `/finesse/api/Dialog/${id}`,
  };
}
