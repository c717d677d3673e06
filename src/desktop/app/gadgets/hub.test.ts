import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPublishable, isSubscribable, ManagedHub, topicMatches } from './hub.ts';

const m = (pattern: string, topic: string) => topicMatches(pattern.split('.'), topic.split('.'));

describe('managed hub', () => {
  it('matches OpenAjax topics: * is one token, a final ** one or more', () => {
    assert.ok(m('finesse.api.User.2001', 'finesse.api.User.2001'));
    assert.ok(!m('finesse.api.User.2001', 'finesse.api.User.2001.Dialogs'));
    assert.ok(m('finesse.clientLogging.*', 'finesse.clientLogging.CUIC'));
    assert.ok(!m('finesse.clientLogging.*', 'finesse.clientLogging.a.b'));
    assert.ok(m('finesse.clientLogging.**', 'finesse.clientLogging.a.b'));
    assert.ok(!m('finesse.clientLogging.**', 'finesse.clientLogging'));
    assert.ok(m('finesse.*.User.*', 'finesse.api.User.2001'));
    // Topics may hold spaces (the Css3 sample logs to one).
    assert.ok(m('finesse.clientLogging.*', 'finesse.clientLogging.Initializing Css3 Animation Gadget'));
    assert.ok(isPublishable('finesse.clientLogging.Initializing Css3 Animation Gadget'));
    assert.ok(!isPublishable('a..b') && !isPublishable('a.*') && !isPublishable(''));
    assert.ok(isSubscribable('a.**') && !isSubscribable('a.**.b') && !isSubscribable('a..b'));
  });

  it('delivers to every matching subscriber, the publisher included, later and in order', async () => {
    const hub = new ManagedHub();
    const got: string[] = [];
    hub.subscribe('g1', 'sampleGadget.info', (t, json) => got.push(`g1 ${t} ${json}`));
    hub.subscribe('g2', 'sampleGadget.*', (t, json) => got.push(`g2 ${t} ${json}`));
    hub.publish('sampleGadget.info', '{"n":1}');
    hub.publish('sampleGadget.info', '{"n":2}');
    assert.deepEqual(got, [], 'nothing is delivered inside publish');
    await new Promise((r) => setTimeout(r));
    assert.deepEqual(got, [
      'g1 sampleGadget.info {"n":1}',
      'g2 sampleGadget.info {"n":1}',
      'g1 sampleGadget.info {"n":2}',
      'g2 sampleGadget.info {"n":2}',
    ]);
  });

  it('drops a client whole, and a failing subscriber does not stop the others', async () => {
    const errors: string[] = [];
    const hub = new ManagedHub({ onError: (client, topic) => errors.push(`${client} ${topic}`) });
    const got: string[] = [];
    hub.subscribe('bad', 'x', () => {
      throw new Error('boom');
    });
    hub.subscribe('good', 'x', (_t, _j, id) => got.push(id));
    hub.subscribe('gone', 'x', () => got.push('gone'));
    hub.disconnect('gone');
    assert.equal(hub.count('gone'), 0);
    hub.publish('x', '1');
    await new Promise((r) => setTimeout(r));
    assert.deepEqual(errors, ['bad x']);
    assert.equal(got.length, 1);
    assert.match(got[0], /^good:/);
    assert.throws(() => hub.publish('a.*', '1'), /invalid publish topic/);
  });
});
