import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallControl } from '../cti/index.ts';
import { callControlPort, callEventOf } from './cti-calls.ts';

// Only the fields the mapping reads; the codec's own tests cover the full messages.
const msg = (m: object) => m as Parameters<typeof callEventOf>[0];
const identity = { connectionCallId: 16777217, connectionDeviceIdType: 0 };

describe('CTI call events → core', () => {
  it('maps a delivery: the connection, its devices, the call data (variables and ECC together)', () => {
    assert.deepEqual(
      callEventOf(
        msg({
          type: 'CALL_DELIVERED_EVENT',
          ...identity,
          connectionDeviceId: '2003',
          alertingDeviceId: '2003',
          callingDeviceId: '5551234',
          calledDeviceId: '8000',
          serviceNumber: 0xffffffff,
          skillGroupNumber: 85881,
          dnis: '8000',
          callVariable1: 'acct=42',
          namedVariable: [{ name: 'user.lang', value: 'de' }],
        }),
      ),
      {
        type: 'DELIVERED',
        call: { callId: 16777217, deviceIdType: 0, deviceId: '2003' },
        alertingDevice: '2003',
        callingDevice: '5551234',
        calledDevice: '8000',
        serviceNumber: undefined,
        skillGroupNumber: 85881,
        ani: undefined,
        dnis: '8000',
        dialedNumber: undefined,
        callVariables: [
          { name: 'callVariable1', value: 'acct=42' },
          { name: 'user.lang', value: 'de' },
        ],
        callWrapupData: undefined,
        routerCallKeyDay: undefined,
        routerCallKeyCallId: undefined,
        routerCallKeySequenceNumber: undefined,
      },
    );
  });

  it('maps a transfer with its ConnectedParty lists, and ignores CALL_DEQUEUED', () => {
    const ev = callEventOf(
      msg({
        type: 'CALL_TRANSFERRED_EVENT',
        primaryCallId: 16777217,
        primaryDeviceIdType: 0,
        primaryDeviceId: '2003',
        secondaryCallId: 16777218,
        secondaryDeviceIdType: 0,
        secondaryDeviceId: '2003',
        transferringDeviceId: '2003',
        transferredDeviceId: '3002',
        connectedPartyCallId: [16777217, 16777217],
        connectedPartyDeviceIdType: [0, 0],
        connectedPartyDeviceId: ['5551234', '3002'],
      }),
    );
    assert.equal(ev?.type, 'TRANSFERRED');
    if (ev?.type === 'TRANSFERRED') {
      assert.deepEqual(ev.secondary, { callId: 16777218, deviceIdType: 0, deviceId: '2003' });
      assert.deepEqual(
        ev.parties.map((p) => p.device),
        ['5551234', '3002'],
      );
      assert.equal(ev.transferringDevice, '2003');
    }
    assert.equal(callEventOf(msg({ type: 'CALL_DEQUEUED_EVENT', ...identity })), undefined);
  });
});

describe('core call control → the CTI client', () => {
  it('names the connection of the device it acts on, and splits call data as the wire wants', async () => {
    const calls: [string, unknown][] = [];
    const client = new Proxy({} as CallControl, {
      get: (_, name: string) => async (req: unknown) => {
        calls.push([name, req]);
        return { invokeId: 1 };
      },
    });
    const port = callControlPort(client);
    const call = { callId: 16777217, deviceIdType: 0, deviceId: '2003' };
    await port.clearConnection({ call, device: '3002', instrument: '3010' });
    await port.setCallData({
      call,
      callVariables: [
        { name: 'callVariable3', value: 'x' },
        { name: 'user.lang', value: 'de' },
      ],
      callWrapupData: 'Sale',
    });
    await port.superviseCall({
      agentCall: call,
      agentInstrument: '2003',
      supervisorInstrument: '3010',
      action: 'MONITOR',
    });
    assert.deepEqual(calls, [
      [
        'clearConnection',
        {
          connectionCallId: 16777217,
          connectionDeviceIdType: 0,
          connectionDeviceId: '3002',
          agentInstrument: '3010',
        },
      ],
      [
        'setCallData',
        {
          connectionCallId: 16777217,
          connectionDeviceIdType: 0,
          connectionDeviceId: '2003',
          callVariable3: 'x',
          namedVariable: [{ name: 'user.lang', value: 'de' }],
          callWrapupData: 'Sale',
        },
      ],
      [
        'superviseCall',
        {
          agentCall: { connectionCallId: 16777217, connectionDeviceIdType: 0, connectionDeviceId: '2003' },
          supervisorInstrument: '3010',
          action: 'monitor',
        },
      ],
    ]);
  });
});
