import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NS } from '../../namespaces.ts';
import { buildBody, buildTerminate, negotiateVersion, parseBody } from './body.ts';

describe('BOSH body', () => {
  it('parses a session request with XEP-0206 attributes under any prefix', () => {
    const r = parseBody(
      `<body xmlns="${NS.httpbind}" rid="4294967296" to="localhost" wait="60" hold="1" ver="1.6" xmlns:x="${NS.xbosh}" x:version="1.0"/>`,
      1000,
    );
    assert.ok(r.ok);
    assert.deepEqual(
      {
        rid: r.request.rid,
        wait: r.request.wait,
        hold: r.request.hold,
        ver: r.request.ver,
        v: r.request.xmppVersion,
      },
      { rid: 4294967296, wait: 60, hold: 1, ver: '1.6', v: '1.0' },
    );
  });

  it('gives payloads without their own namespace jabber:client', () => {
    const r = parseBody(
      `<body xmlns="${NS.httpbind}" sid="s" rid="2"><presence/><iq xmlns="${NS.client}" type="get" id="1"/></body>`,
      1000,
    );
    assert.ok(r.ok);
    assert.deepEqual(
      r.request.payloads.map((p) => p.ns),
      [NS.client, NS.client],
    );
  });

  it('recognises restart, terminate and pause', () => {
    const r = parseBody(
      `<body xmlns="${NS.httpbind}" sid="s" rid="3" xmpp:restart="true" xmlns:xmpp="${NS.xbosh}" type="terminate" pause="10"/>`,
      1000,
    );
    assert.ok(r.ok && r.request.isRestart && r.request.isTerminate && r.request.pause === 10);
  });

  it('refuses malformed bodies, keeping what it can for the error reply', () => {
    for (const text of [
      '<body/>',
      `<body xmlns="${NS.httpbind}"/>`,
      `<body xmlns="${NS.httpbind}" rid="-1"/>`,
      `<body xmlns="${NS.httpbind}" rid="99999999999999999"/>`,
      `<body xmlns="${NS.httpbind}" rid="1" wait="soon"/>`,
      `<body xmlns="${NS.httpbind}" rid="1">text</body>`,
    ]) {
      assert.equal(parseBody(text, 1000).ok, false, text);
    }
    const bad = parseBody(`<body xmlns="${NS.httpbind}" sid="abc" rid="1" ver="1.6">\u0001</body>`, 1000);
    assert.deepEqual(bad.ok ? undefined : [bad.sid, bad.hasVer], ['abc', true]);
    assert.equal(parseBody(`<body xmlns="${NS.httpbind}" rid="1"/>`, 10).ok, false, 'over the length limit');
  });

  it('builds bodies, declaring xmlns:stream only when a payload needs it', () => {
    assert.equal(buildBody({}), `<body xmlns="${NS.httpbind}"/>`);
    assert.equal(
      buildBody({ sid: 'a&b' }, [{ text: '<stream:features/>', usesStreamPrefix: true }]),
      `<body xmlns="${NS.httpbind}" xmlns:stream="${NS.stream}" sid="a&amp;b"><stream:features/></body>`,
    );
    assert.equal(
      buildTerminate('item-not-found'),
      `<body xmlns="${NS.httpbind}" type="terminate" condition="item-not-found"/>`,
    );
  });

  it('negotiates the lower version', () => {
    assert.equal(negotiateVersion('1.6', '1.11'), '1.6');
    assert.equal(negotiateVersion('1.12', '1.11'), '1.11');
    assert.equal(negotiateVersion('2.0', '1.11'), '1.11');
    assert.equal(negotiateVersion(undefined, '1.11'), undefined);
    assert.equal(negotiateVersion('x', '1.11'), undefined);
  });
});
