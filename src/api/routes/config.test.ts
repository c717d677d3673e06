import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeOnEachStore } from '../testing/each-store.ts';
import { apiErrorOf, assertStandardHeaders, xml } from '../testing/xml.ts';

const ADMIN: [string, string] = ['admin', 'admin'];
const MICKEY: [string, string] = ['2001', '2001'];
const WALT: [string, string] = ['2010', '2010'];

describeOnEachStore('configuration APIs: reason codes, errors, roles', ({ api, changes, setPrimary }) => {
  const send = (method: string, path: string, body?: string, auth = ADMIN) =>
    api().request(`/finesse/api${path}`, {
      method,
      auth,
      body,
      headers: { 'Content-Type': 'application/xml' },
    });

  it('creates, reads, updates and deletes a reason code, reporting each write', async () => {
    const created = await send(
      'POST',
      '/ReasonCode',
      '<ReasonCode><category>NOT_READY</category><code>42</code><label>Coaching</label><forAll>false</forAll></ReasonCode>',
    );
    // Developer guide 12.5, ReasonCode—Create: "200: Success … The response contains an empty
    // response body, and a "location:" header denoting the absolute URL of the newly created ReasonCode".
    assert.equal(created.status, 200);
    assertStandardHeaders(created);
    assert.equal(await created.text(), '');
    const location = created.headers.get('location')!;
    assert.match(location, /^\/finesse\/api\/ReasonCode\/\d+$/);
    const id = location.split('/').pop()!;
    const rc = xml(await (await send('GET', `/ReasonCode/${id}`)).text());
    assert.deepEqual(
      rc.elements().map((e) => e.name),
      ['uri', 'category', 'code', 'label', 'forAll', 'systemCode', 'id'],
    );
    assert.equal(rc.getChildText('forAll'), 'false');
    const got = xml(await (await send('GET', `/ReasonCode/${id}`)).text());
    assert.equal(got.getChildText('label'), 'Coaching');
    const updated = await send(
      'PUT',
      `/ReasonCode/${id}`,
      '<ReasonCode><label>Coaching 1:1</label></ReasonCode>',
    );
    assert.equal(updated.status, 200);
    assert.equal(xml(await updated.text()).getChildText('code'), '42');
    const list = xml(await (await send('GET', '/ReasonCodes?category=ALL')).text());
    assert.ok(list.getChildren('ReasonCode').some((c) => c.getChildText('label') === 'Coaching 1:1'));
    const deleted = await send('DELETE', `/ReasonCode/${id}`);
    assert.equal(deleted.status, 200);
    assert.equal(await deleted.text(), '');
    assert.equal((await send('GET', `/ReasonCode/${id}`)).status, 404);
    assert.deepEqual(
      changes.filter((c) => c.kind === 'reasonCode'),
      ['create', 'update', 'delete'].map((op) => ({ kind: 'reasonCode', op, id })),
    );
  });

  it("refuses bad values with Finesse's ErrorTypes, naming the element", async () => {
    const cases: [string, string, string, number, [string, string]][] = [
      [
        'POST',
        '/ReasonCode',
        '<ReasonCode><category>NOT_READY</category><code>1</code><label>Dup</label></ReasonCode>',
        400,
        ['Finesse API Error', 'code'],
      ],
      [
        'POST',
        '/ReasonCode',
        '<ReasonCode><category>NOT_READY</category><code>0</code><label>Zero</label></ReasonCode>',
        400,
        ['Invalid Input', 'code'],
      ],
      [
        'POST',
        '/ReasonCode',
        '<ReasonCode><category>NOT_READY</category><code>x</code><label>X</label></ReasonCode>',
        400,
        ['Invalid Input', 'code'],
      ],
      [
        'POST',
        '/ReasonCode',
        `<ReasonCode><category>NOT_READY</category><code>9</code><label>${'x'.repeat(41)}</label></ReasonCode>`,
        400,
        ['Invalid Input', 'label'],
      ],
      [
        'POST',
        '/ReasonCode',
        '<ReasonCode><code>9</code><label>No category</label></ReasonCode>',
        400,
        ['Parameter Missing', 'category'],
      ],
      [
        'POST',
        '/WrapUpReason',
        `<WrapUpReason><label>${'x'.repeat(40)}</label></WrapUpReason>`,
        400,
        ['Invalid Input', 'label'],
      ],
      [
        'POST',
        '/WrapUpReason',
        '<WrapUpReason><label>Sale</label></WrapUpReason>',
        400,
        ['Finesse API Error', 'label'],
      ],
      [
        'POST',
        '/PhoneBook',
        '<PhoneBook><name>P</name><type>PRIVATE</type></PhoneBook>',
        400,
        ['Invalid Input', 'type'],
      ],
      [
        'POST',
        '/UserConfig',
        '<User><loginId>u9</loginId><loginName>u9</loginName><password>p</password></User>',
        400,
        ['Parameter Missing', 'roles'],
      ],
      // #12: a label is one line (desktops, notifications and logs quote it).
      [
        'POST',
        '/ReasonCode',
        '<ReasonCode><category>NOT_READY</category><code>9</code><label>Lunch&#10;Call IT on 5555 with your password</label></ReasonCode>',
        400,
        ['Invalid Input', 'label'],
      ],
      [
        'POST',
        '/WrapUpReason',
        '<WrapUpReason><label>Sale&#13;Fake</label></WrapUpReason>',
        400,
        ['Invalid Input', 'label'],
      ],
      // #12: one name, one user — no system account's name, no other user's id or login name.
      [
        'POST',
        '/UserConfig',
        '<User><loginId>WebServices</loginId><loginName>ws</loginName><password>p</password><roles><role>Agent</role></roles></User>',
        400,
        ['Finesse API Error', 'loginId'],
      ],
      [
        'POST',
        '/UserConfig',
        '<User><loginId>3009</loginId><loginName>2001</loginName><password>p</password><roles><role>Agent</role></roles></User>',
        400,
        ['Finesse API Error', 'loginName'],
      ],
      [
        'POST',
        '/UserConfig',
        '<User><loginId>mmouse</loginId><loginName>mm2</loginName><password>p</password><roles><role>Agent</role></roles></User>',
        400,
        ['Finesse API Error', 'loginId'],
      ],
      [
        'PUT',
        '/UserConfig/2002',
        '<User><loginName>2001</loginName></User>',
        400,
        ['Finesse API Error', 'loginName'],
      ],
      [
        'PUT',
        '/ReasonCode/999999',
        '<ReasonCode><label>x</label></ReasonCode>',
        404,
        ['Not Found', 'ReasonCode'],
      ],
      [
        'POST',
        '/ReasonCode',
        '<WrapUpReason/>',
        400,
        ['Invalid Input', 'Expected a ReasonCode element, not WrapUpReason'],
      ],
    ];
    for (const [method, path, body, status, [type, data]] of cases) {
      const res = await send(method, path, body);
      assert.equal(res.status, status, `${method} ${path} ${body}`);
      const [errorType, , errorData] = await apiErrorOf(res);
      assert.deepEqual([errorType, errorData], [type, data], `${method} ${path} ${body}`);
    }
  });

  it('admits administrators only (401 Authorization Failure), and writes on the primary only (403)', async () => {
    for (const auth of [MICKEY, WALT]) {
      const res = await send('GET', '/ReasonCodes?category=ALL', undefined, auth);
      assert.equal(res.status, 401);
      assert.deepEqual(await apiErrorOf(res), ['Authorization Failure', 'UNAUTHORIZED', auth[0]]);
      assert.equal(
        (await send('POST', '/WrapUpReason', '<WrapUpReason><label>x</label></WrapUpReason>', auth)).status,
        401,
      );
    }
    assert.equal((await send('GET', '/SystemConfig', undefined, ['admin', 'wrong'])).status, 401);
    setPrimary(false);
    try {
      const res = await send(
        'POST',
        '/WrapUpReason',
        '<WrapUpReason><label>On secondary</label></WrapUpReason>',
      );
      assert.equal(res.status, 403);
      assert.equal((await apiErrorOf(res))[0], 'Forbidden');
      assert.equal((await send('GET', '/WrapUpReasons')).status, 200, 'reads still work');
    } finally {
      setPrimary(true);
    }
  });
});
