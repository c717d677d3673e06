/**
 * Configuration that desktops hear of, end to end over BOSH with Strophe.js: a supervisor's team
 * message reaches its team's agents on `/finesse/api/Team/{id}/TeamMessages` (POST, then DELETE),
 * and a queue added for a team reaches its agents' `/finesse/api/User/{id}/Queues` node.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { xml } from '../src/api/testing/xml.ts';
import { type StropheSession, signOnStrophe } from './support/strophe.ts';
import { basic, startTestSystem, type TestSystem } from './support/system.ts';

describe('team messages and queue lists reach the desktops', () => {
  let sys: TestSystem;
  let desktop: StropheSession;

  before(async () => {
    sys = await startTestSystem();
    // Agent 2001 of team 5000 (Minnies_Team), supervised by 2010.
    desktop = await signOnStrophe(sys.bosh, '2001@localhost/desktop', '2001');
  });
  after(async () => {
    await desktop?.disconnect().catch(() => {});
    await sys?.stop();
  });

  it("a supervisor's team message arrives on the team's TeamMessages node, and so does its deletion", async () => {
    const node = '/finesse/api/Team/5000/TeamMessages';
    const res = await sys.api('/finesse/api/TeamMessage', {
      method: 'POST',
      auth: basic('2010'),
      body: '<TeamMessage><duration>300</duration><content>Huddle at 3</content><teams><team>5000</team></teams></TeamMessage>',
    });
    // TeamMessage—Create answers 200 on Finesse (api/routes/team-message.ts).
    assert.equal(res.status, 200, await res.text());
    const id = res.headers.get('location')?.split('/').at(-1) ?? '';

    const posted = xml(
      (await desktop.waitForEvent((e) => e.node === node && e.payload.includes('POST'))).payload,
    );
    assert.equal(posted.getChildText('event'), 'POST');
    assert.equal(posted.getChildText('source'), `/finesse/api/TeamMessage/${id}`);
    const message = posted.getChild('data')?.getChild('TeamMessage');
    assert.equal(message?.getChildText('content'), 'Huddle at 3');
    assert.equal(message?.getChild('createdBy')?.getChildText('id'), '2010');
    assert.deepEqual(
      message
        ?.getChild('teams')
        ?.getChildren('team')
        .map((t) => t.text()),
      ['5000'],
    );

    const del = await sys.api(`/finesse/api/TeamMessage/${id}`, { method: 'DELETE', auth: basic('2010') });
    assert.equal(del.status, 200);
    const deleted = xml(
      (await desktop.waitForEvent((e) => e.node === node && e.payload.includes('DELETE'))).payload,
    );
    assert.equal(deleted.getChild('data')?.getChild('TeamMessage')?.getChildText('id'), id);
  });

  it("a queue added for the agent's team arrives as a POST on its User/Queues node", async () => {
    const node = '/finesse/api/User/2001/Queues';
    const made = await sys.sb.store.createQueue({ id: '7001', name: 'Billing', teamIds: ['5000'] });
    assert.ok(made.ok);
    const ev = xml((await desktop.waitForEvent((e) => e.node === node)).payload);
    assert.equal(ev.getChildText('event'), 'POST');
    assert.equal(ev.getChildText('source'), node);
    assert.deepEqual(
      ev
        .getChild('data')
        ?.getChild('Queues')
        ?.getChildren('Queue')
        .map((q) => q.getChildText('uri')),
      ['/finesse/api/Queue/7001'],
    );
    const res = await sys.api(node, { auth: basic('2001') });
    assert.deepEqual(
      xml(await res.text())
        .getChildren('Queue')
        .map((q) => q.getChildText('name')),
      ['Billing', 'Sales'],
    );
  });
});
