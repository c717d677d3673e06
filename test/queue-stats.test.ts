/**
 * Queue statistics end to end: the poller asks the bundled CTI simulator
 * (QUERY_SKILL_GROUP_STATISTICS_REQ) every 200 ms instead of 10 s; an agent signs in, a caller
 * waits in the queue, the agent goes READY and takes it. GET Queue follows each step, and a
 * Strophe.js subscriber to the Queue node gets the Update when callsInQueue changes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { xml } from '../src/api/testing/xml.ts';
import type { XmlElement } from '../src/xml/index.ts';
import { $iq, type StropheSession, signOnStrophe } from './support/strophe.ts';
import { basic, startTestSystem, type TestSystem } from './support/system.ts';
import { until } from './support/until.ts';

/** The simulator's one skill group (the seed's), and so the one queue. */
const QUEUE = '/finesse/api/Queue/85881';

const count = (queue: XmlElement, name: string) => Number(queue.getChild('statistics')?.getChildText(name));

describe('queue statistics: REST and the Queue node', () => {
  let sys: TestSystem;
  let desktop: StropheSession;

  before(async () => {
    sys = await startTestSystem((c) => {
      c.queueStatsIntervalSec = 0.2;
    });
    desktop = await signOnStrophe(sys.bosh, '2001@localhost/desktop', '2001');
  });
  after(async () => {
    await desktop?.disconnect().catch(() => {});
    await sys?.stop();
  });

  const getQueue = async () => {
    const res = await sys.api(QUEUE, { auth: basic('2001') });
    assert.equal(res.status, 200);
    return xml(await res.text());
  };
  /** GET Queue until `pred` holds: the poller needs a period to see a change. */
  const queueWhen = async (pred: (q: XmlElement) => boolean, what: string) => {
    let q = await getQueue();
    await until(what, async () => {
      q = await getQueue();
      return pred(q);
    });
    return q;
  };
  const putState = async (body: string) => {
    const res = await sys.api('/finesse/api/User/2001', { method: 'PUT', auth: basic('2001'), body });
    assert.equal(res.status, 202, await res.text());
  };

  it('a signed-in agent subscribes to the Queue node and reads the queue', async () => {
    const reply = await desktop.iq(
      $iq({ type: 'set', to: 'pubsub.localhost' })
        .c('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' })
        .c('subscribe', { node: QUEUE, jid: desktop.jid }),
    );
    assert.equal(reply.getAttribute('type'), 'result');
    const q = await queueWhen((x) => count(x, 'agentsLoggedOn') === 0, 'first poll');
    assert.equal(q.getChildText('uri'), QUEUE);
    assert.equal(count(q, 'callsInQueue'), 0);
  });

  it('the agent signs in: agentsLoggedOn and agentsNotReady count it', async () => {
    await putState('<User><state>LOGIN</state><extension>2003</extension></User>');
    const q = await queueWhen((x) => count(x, 'agentsLoggedOn') === 1, 'agent logged on');
    assert.equal(count(q, 'agentsNotReady'), 1);
    assert.equal(count(q, 'agentsReady'), 0);
  });

  it('a caller waits: callsInQueue 1 with its start time, on REST and as a Queue Update', async () => {
    const res = await sys.simAdmin('/calls', 'POST', { dnis: '8000', ani: '5551234' });
    assert.equal(res.status, 201);
    const q = await queueWhen((x) => count(x, 'callsInQueue') === 1, 'call queued');
    const start = q.getChild('statistics')?.getChildText('startTimeOfLongestCallInQueue') ?? '';
    assert.match(start, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Math.abs(Date.parse(start) - Date.now()) < 10_000, start);

    const ev = await desktop.waitForEvent(
      (e) => e.node === QUEUE && e.payload.includes('<callsInQueue>1</callsInQueue>'),
    );
    assert.equal(ev.from, 'pubsub.localhost');
    const update = xml(ev.payload);
    assert.equal(update.getChildText('event'), 'PUT');
    assert.equal(update.getChildText('source'), QUEUE);
    assert.equal(update.getChild('data')?.getChild('Queue')?.getChildText('uri'), QUEUE);
  });

  it('the agent goes READY and the call rings it: the queue empties', async () => {
    await putState('<User><state>READY</state></User>');
    const q = await queueWhen((x) => count(x, 'callsInQueue') === 0, 'call routed');
    assert.equal(q.getChild('statistics')?.getChildText('startTimeOfLongestCallInQueue'), '');
    assert.equal(count(q, 'agentsLoggedOn'), 1);
    await desktop.waitForEvent(
      (e) => e.node === QUEUE && e.payload.includes('<callsInQueue>0</callsInQueue>'),
    );
  });

  it("GET User/{id}/Queues lists the agent's queue", async () => {
    const res = await sys.api('/finesse/api/User/2001/Queues', { auth: basic('2001') });
    assert.equal(res.status, 200);
    const queues = xml(await res.text());
    assert.deepEqual(
      queues.getChildren('Queue').map((q) => q.getChildText('uri')),
      [QUEUE],
    );
  });
});
