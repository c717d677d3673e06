import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CoreErrors } from '../../core/index.ts';
import type { ApiFixture } from '../testing/api-fixture.ts';
import { describeOnEachStore } from '../testing/each-store.ts';
import { apiErrorOf, assertStandardHeaders, xml } from '../testing/xml.ts';

const mickey: [string, string] = ['2001', '2001'];
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

describeOnEachStore('REST routes', (suite) => {
  let api: ApiFixture;
  before(() => {
    api = suite.api();
  });

  describe('GET SystemInfo', () => {
    it('answers without credentials', async () => {
      const res = await api.request('/finesse/api/SystemInfo?nocache=1366756802163');
      assert.equal(res.status, 200);
      assertStandardHeaders(res);
      const info = xml(await res.text());
      assert.equal(info.name, 'SystemInfo');
      assert.equal(info.getChildText('status'), 'IN_SERVICE');
      assert.equal(info.getChildText('xmppDomain'), 'sb1.example.com');
      assert.equal(info.getChildText('xmppPubSubDomain'), 'pubsub.sb1.example.com');
      assert.equal(info.getChild('primaryNode')?.getChildText('host'), 'sb1.example.com');
    });

    it('answers timestamponly with the timestamp and offset only', async () => {
      for (const q of ['timestamponly', 'timestamponly=true']) {
        const res = await api.request(`/finesse/api/SystemInfo?${q}&nocache=1492185680998`);
        assert.equal(res.status, 200);
        assert.deepEqual(
          xml(await res.text())
            .elements()
            .map((e) => e.name),
          ['currentTimestamp', 'timezoneOffset'],
        );
      }
    });

    it('still answers while out of service, saying so', async () => {
      api.core.inService = false;
      try {
        const res = await api.request('/finesse/api/SystemInfo');
        assert.equal(res.status, 200);
        assert.equal(xml(await res.text()).getChildText('status'), 'OUT_OF_SERVICE');
      } finally {
        api.core.inService = true;
      }
    });
  });

  describe('GET User', () => {
    it("returns the user as the seed's GET shows it, by login id or login name", async () => {
      for (const [path, auth] of [
        ['/finesse/api/User/2001?nocache=1366756805180', mickey],
        ['/finesse/api/User/mmouse', ['mmouse', '2001']],
      ] as const) {
        const res = await api.request(path, { auth: [...auth] });
        assert.equal(res.status, 200);
        assertStandardHeaders(res);
        const body = await res.text();
        assert.ok(
          body.startsWith('<User><dialogs>/finesse/api/User/2001/Dialogs</dialogs><extension></extension>'),
          body,
        );
        const user = xml(body);
        assert.equal(user.getChildText('loginId'), '2001');
        assert.equal(user.getChildText('loginName'), 'mmouse');
        assert.equal(user.getChildText('state'), 'LOGOUT');
        assert.equal(user.getChildText('teamName'), 'Minnies_Team');
        assert.equal(user.getChildText('uri'), '/finesse/api/User/2001');
      }
    });
  });

  describe('PUT User', () => {
    it('hands the state change to core with the requestId, answers 202 with it echoed', async () => {
      const requestId = '6e210ca9-5786-43bc-babf-64a397a6057f';
      const res = await api.request('/finesse/api/User/2001', {
        method: 'PUT',
        auth: mickey,
        headers: { 'Content-Type': 'application/xml', requestId },
        body: '<User><state>LOGIN</state><extension>2003</extension></User>',
      });
      assert.equal(res.status, 202);
      assertStandardHeaders(res);
      assert.equal(res.headers.get('requestId'), requestId);
      assert.equal(await res.text(), '');
      assert.deepEqual(json(api.core.changes.at(-1)), {
        actor: '2001',
        userId: '2001',
        change: { state: 'LOGIN', extension: '2003' },
        requestId,
      });
    });

    it('passes the reason code id as a number, accepts an XML declaration, and no requestId', async () => {
      const res = await api.request('/finesse/api/User/mmouse', {
        method: 'PUT',
        auth: mickey,
        body: '<?xml version="1.0" encoding="UTF-8"?>\n<User>\n  <state>NOT_READY</state>\n  <reasonCodeId> 1 </reasonCodeId>\n</User>',
      });
      assert.equal(res.status, 202);
      assert.equal(res.headers.get('requestId'), null);
      assert.deepEqual(json(api.core.changes.at(-1)), {
        actor: '2001',
        userId: '2001',
        change: { state: 'NOT_READY', reasonCodeId: 1 },
        requestId: '',
      });
    });

    it("answers core's refusal synchronously with its status and ApiErrors", async () => {
      api.core.refuseNext = CoreErrors.reasonCodeRequired();
      const res = await api.request('/finesse/api/User/2001', {
        method: 'PUT',
        auth: mickey,
        headers: { requestId: 'nr-without-reason' },
        body: '<User><state>NOT_READY</state></User>',
      });
      assert.equal(res.status, 400);
      assertStandardHeaders(res);
      assert.equal(res.headers.get('requestId'), 'nr-without-reason');
      assert.deepEqual(await apiErrorOf(res), [
        'Parameter Missing',
        'The state change requires a valid reason code.',
        'finesse.api.reasoncode.require_reasoncode',
      ]);
    });
  });

  describe('GET ReasonCodes', () => {
    it('lists the codes of the asked category', async () => {
      for (const category of ['NOT_READY', 'LOGOUT']) {
        const res = await api.request(
          `/finesse/api/User/2001/ReasonCodes?category=${category}&nocache=1366756805356`,
          {
            auth: mickey,
          },
        );
        assert.equal(res.status, 200);
        assertStandardHeaders(res);
        const list = xml(await res.text());
        assert.equal(list.name, 'ReasonCodes');
        const codes = list.getChildren('ReasonCode');
        assert.equal(codes.length, 1);
        assert.equal(codes[0].getChildText('category'), category);
        assert.match(codes[0].getChildText('uri') ?? '', /^\/finesse\/api\/ReasonCode\/\d+$/);
      }
    });

    it('requires a valid category', async () => {
      const missing = await api.request('/finesse/api/User/2001/ReasonCodes', { auth: mickey });
      assert.equal(missing.status, 400);
      assert.deepEqual(await apiErrorOf(missing), ['Parameter Missing', 'PARAMETER_MISSING', 'category']);
      const wrong = await api.request('/finesse/api/User/2001/ReasonCodes?category=READY', { auth: mickey });
      assert.equal(wrong.status, 400);
      assert.deepEqual(await apiErrorOf(wrong), ['Invalid Input', 'INVALID_INPUT', 'category']);
    });
  });

  describe('GET Dialogs', () => {
    it('answers <Dialogs/> for an agent without a call', async () => {
      const res = await api.request('/finesse/api/User/2001/Dialogs?nocache=1366756805355', { auth: mickey });
      assert.equal(res.status, 200);
      assertStandardHeaders(res);
      assert.equal(await res.text(), '<Dialogs/>');
    });

    it("lets the supervisor see a team agent's dialogs", async () => {
      const res = await api.request('/finesse/api/User/2002/Dialogs', { auth: ['2010', '2010'] });
      assert.equal(res.status, 200);
      assert.equal(
        xml(await res.text())
          .getChild('Dialog')
          ?.getChildText('id'),
        '16777217',
      );
    });
  });
});
