import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SystemEventId } from '../protocol/index.ts';
import { eventually, linkedClient } from '../testing/wire-peer.ts';

describe('CTI link facts for SystemInfo (ctiServers, lastSuccessCTIHeartbeatTime, PARTIAL_SERVICE)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('knows the side in session since OPEN_CONF, the last heartbeat answered, and its peripheral going offline and back', async () => {
    const { client, peer, clock } = await linkedClient(cleanups);
    const opened = clock.now();
    const info = client.linkInfo;
    assert.equal(info.servers.length, 1);
    assert.equal(info.servers[0].connectedAt, opened);
    assert.equal(info.lastHeartbeatAt, opened);
    assert.equal(info.isPeripheralOnline, true);

    clock.advance(5000); // the heartbeat interval: HEARTBEAT_REQ goes out
    const hb = await peer.next('HEARTBEAT_REQ');
    peer.send({ type: 'HEARTBEAT_CONF', invokeId: hb.invokeId });
    await eventually(() => client.linkInfo.lastHeartbeatAt === opened + 5000, 2000, 'the heartbeat answered');

    const seen: boolean[] = [];
    client.on('peripheral', (isOnline) => seen.push(isOnline));
    const event = (systemEventId: number, peripheral: number) =>
      peer.send({
        type: 'SYSTEM_EVENT',
        pgStatus: 0,
        icmCentralControllerTime: 0,
        systemEventId,
        systemEventArg1: peripheral,
        systemEventArg2: 0,
        systemEventArg3: 0,
        eventDeviceType: 0,
      });
    event(SystemEventId.PERIPHERAL_OFFLINE, 4999); // another peripheral: not ours
    event(SystemEventId.PERIPHERAL_OFFLINE, 5000);
    await eventually(() => seen.length === 1, 2000, 'PERIPHERAL_OFFLINE');
    assert.equal(client.linkInfo.isPeripheralOnline, false);
    event(SystemEventId.PERIPHERAL_ONLINE, 5000);
    await eventually(() => seen.length === 2, 2000, 'PERIPHERAL_ONLINE');
    assert.deepEqual(seen, [false, true]);
  });
});
