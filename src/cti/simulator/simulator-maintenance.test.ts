import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ManualTimers } from '../../clock/testing/manual-timers.ts';
import type { CtiClient } from '../client/index.ts';
import { CtiStatus } from '../protocol/index.ts';
import { connectPeer, eventually, rawOpenReq, testClient, type WirePeer } from '../testing/wire-peer.ts';
import { type CtiSimulator, startCtiSimulator } from './index.ts';
import { MAINTENANCE_STEP_MS } from './maintenance.ts';

/**
 * The simulated side's maintenance (protocol v24 handshake, maintenance.ts) with our own CTI client
 * on the other end, and with raw peers that do not play along.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const clock = new ManualTimers(1_700_000_000_000);
  const trace: string[] = [];
  const sim = await startCtiSimulator({
    port: 0,
    agents: [{ agentId: '2001', instrument: '2003' }],
    timers: clock,
    trace: (line) => trace.push(line),
  });
  cleanups.push(() => sim.stop());
  return { sim, clock, trace };
}

function client(sim: CtiSimulator, clock: ManualTimers): { client: CtiClient; events: string[] } {
  const events: string[] = [];
  const { client: c } = testClient(
    cleanups,
    [{ host: '127.0.0.1', port: sim.port }],
    { observer: { event: (text) => events.push(text) } },
    clock,
  );
  c.start();
  return { client: c, events };
}

async function opened(sim: CtiSimulator, version = 24): Promise<WirePeer> {
  const peer = await connectPeer(sim.port, { tagWidth: version < 20 ? 1 : 2, version });
  cleanups.push(() => void peer.socket.destroy());
  peer.send(rawOpenReq({ clientId: `raw-v${version}`, versionNumber: version }));
  await peer.next('OPEN_CONF');
  return peer;
}

test('our client accepts, leaves in order, is refused while the side is in maintenance, and is back after it; ctiMMode meanwhile', async () => {
  const { sim, clock, trace } = await setup();
  const { client: c, events } = client(sim, clock);
  await eventually(() => c.isUp, 2000, 'the first session');
  assert.deepEqual(sim.beginMaintenance(3000), { sessionsAsked: 1 });
  await eventually(
    () => trace.some((l) => /Session 1 .*CLOSE_REQ/.test(l)),
    2000,
    'the client to close after its IND',
  );
  assert.equal(c.linkInfo.maintenance?.mode, 'IN_PROGRESS');
  const order = trace
    .map((l) => l.match(/^Session 1 (send|recv) MsgType:(ACTIVE_MAINTENANCE\w+|STOPPING\w+|CLOSE_REQ)/))
    .filter((m) => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(order, [
    'send ACTIVE_MAINTENANCE_REQ',
    'recv ACTIVE_MAINTENANCE_RESP',
    'send ACTIVE_MAINTENANCE_EVENT',
    'recv STOPPING_REQUESTS_TO_THIS_SIDE_IND',
    'recv CLOSE_REQ',
  ]);
  // Its one side is the one in maintenance: refused, then retried with backoff.
  await eventually(
    () => events.some((e) => e.includes('OPEN_REQ refused: E_CTI_SERVER_IN_MAINTENANCE_MODE')),
    2000,
    'the refusal',
  );
  assert.equal(c.isUp, false);
  // The retry (250 ms) and the end of the maintenance (3 s) both pass here; the retry's connection
  // reaches the side after that.
  clock.advance(3000);
  assert.ok(trace.includes('Trace: CTI maintenance over: accepting sessions'));
  await eventually(() => c.isUp, 2000, 'a session once the maintenance is over');
  assert.equal(c.linkInfo.maintenance, undefined);
  assert.ok(events.some((e) => e.includes('CTI maintenance handover complete')));
});

test('a v24 client that never answers, or declines, and a v15 client, are ended with E_CTI_SERVER_IN_MAINTENANCE_MODE; calls go on', async () => {
  const { sim, clock } = await setup();
  const silent = await opened(sim);
  const declining = await opened(sim);
  const old = await opened(sim, 15);
  assert.deepEqual(sim.beginMaintenance(60_000), { sessionsAsked: 2 });
  const ended = async (peer: WirePeer) => {
    const failure = await peer.next('FAILURE_EVENT');
    assert.equal(failure.status, CtiStatus.E_CTI_SERVER_IN_MAINTENANCE_MODE);
    await peer.closed;
  };
  await ended(old);
  const asked = await declining.next('ACTIVE_MAINTENANCE_REQ');
  declining.send({ type: 'ACTIVE_MAINTENANCE_RESP', invokeId: asked.invokeId, accept: false });
  await ended(declining);
  await silent.next('ACTIVE_MAINTENANCE_REQ');
  assert.equal(silent.isClosed, false);
  clock.advance(MAINTENANCE_STEP_MS);
  await ended(silent);
  // A new session is refused while the side is in maintenance.
  const late = await connectPeer(sim.port);
  cleanups.push(() => void late.socket.destroy());
  late.send(rawOpenReq({ clientId: 'late' }));
  assert.equal((await late.next('FAILURE_CONF')).status, CtiStatus.E_CTI_SERVER_IN_MAINTENANCE_MODE);
  assert.equal(sim.state().agents.length, 1, 'the ACD carries on');
});
