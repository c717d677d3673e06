import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SnapshotCallConf, SnapshotDeviceConf } from '../cti/index.ts';
import { SNAPSHOT_FIXTURES } from '../cti/testing/snapshot-fixtures.ts';
import { callSnapshotOf, phoneCallsOf } from './cti-snapshots.ts';

const [, deviceConf, emptyDevice, , callConf] = SNAPSHOT_FIXTURES.map((f) => f.message);

test("a phone's snapshot as the connections of its calls", () => {
  assert.deepEqual(phoneCallsOf(deviceConf as SnapshotDeviceConf), [
    { callId: 16777217, deviceIdType: 0, deviceId: '2003' },
    { callId: 16777218, deviceIdType: 0, deviceId: '2003' },
  ]);
  assert.deepEqual(phoneCallsOf(emptyDevice as SnapshotDeviceConf), []);
});

test("a call's snapshot as core's: context, ECC variables, each party's connection and state", () => {
  const asked = { connectionCallId: 16777217, connectionDeviceIdType: 0, connectionDeviceId: '2003' };
  const snap = callSnapshotOf(callConf as SnapshotCallConf, asked);
  assert.deepEqual(snap, {
    call: { callId: 16777217, deviceIdType: 0, deviceId: '2003' },
    callType: 2,
    ani: '5551234',
    dnis: '8000',
    dialedNumber: '8000',
    callVariables: [
      { name: 'callVariable1', value: 'acct=42' },
      { name: 'callVariable10', value: 'vip' },
      { name: 'user.lang', value: 'de' },
    ],
    callWrapupData: undefined,
    routerCallKeyDay: 150000,
    routerCallKeyCallId: 7,
    routerCallKeySequenceNumber: undefined,
    parties: [
      {
        call: { callId: 16777217, deviceIdType: 0, deviceId: '5551234' },
        device: '5551234',
        state: 'ACTIVE',
      },
      { call: { callId: 16777217, deviceIdType: 0, deviceId: '2003' }, device: '2003', state: 'ACTIVE' },
    ],
  });
});

test('LocalConnectionStates as participant states; no relationship, queued and none are no party', () => {
  const conf = callConf as SnapshotCallConf;
  const states = [1, 2, 3, 4, 6, 0, 5, 0xffff];
  const devices = states.map((_, i) => `d${i}`);
  const snap = callSnapshotOf(
    {
      ...conf,
      numCallDevices: states.length,
      callConnectionCallId: undefined,
      callConnectionDeviceIdType: undefined,
      callConnectionDeviceId: undefined,
      callDeviceType: undefined,
      callDeviceId: devices,
      callDeviceConnectionState: states,
      callType: 0,
    },
    { connectionCallId: 5, connectionDeviceIdType: 0, connectionDeviceId: 'd0' },
  );
  assert.equal(snap.callType, undefined, 'CallType 0: none given');
  assert.deepEqual(
    snap.parties.map((p) => `${p.device} ${p.state} ${p.call.callId}/${p.call.deviceId}`),
    ['d0 INITIATED 5/d0', 'd1 ALERTING 5/d1', 'd2 ACTIVE 5/d2', 'd3 HELD 5/d3', 'd4 FAILED 5/d4'],
  );
});
