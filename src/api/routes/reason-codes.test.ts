import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, apiSuite } from '../testing/api-fixture.ts';
import { apiErrorOf, xml } from '../testing/xml.ts';

const MICKEY: [string, string] = ['2001', '2001'];
const DONALD: [string, string] = ['2004', '2004'];
const WALT: [string, string] = ['2010', '2010'];

// The Finesse Web Services Developer Guide 12.5(1) is quoted where a rule comes from it.
describe('reason code paths and shapes as Finesse has them', () => {
  const { send } = apiSuite();

  it('a list of one category is <ReasonCodes category="…"> (User—Get Reason Code List example)', async () => {
    for (const path of [
      '/User/2001/ReasonCodes?category=NOT_READY',
      '/TeamResource/5000/ReasonCodes?category=NOT_READY',
      '/Team/5000/ReasonCodes?category=NOT_READY',
    ]) {
      const list = xml(await (await send('GET', path, MICKEY)).text());
      assert.equal(list.attr('category'), 'NOT_READY', path);
      assert.ok(list.getChildren('ReasonCode').length > 0, path);
    }
    const all = xml(await (await send('GET', '/ReasonCodes?category=ALL')).text());
    assert.equal(all.attr('category'), undefined, 'both categories: no attribute');
  });

  it('answers the team configuration paths /Team/{id}/ReasonCodes, WrapUpReasons, PhoneBooks, with TeamResource as an alias', async () => {
    for (const name of ['ReasonCodes?category=LOGOUT', 'WrapUpReasons', 'PhoneBooks']) {
      const team = await send('GET', `/Team/5000/${name}`, MICKEY);
      const alias = await send('GET', `/TeamResource/5000/${name}`, MICKEY);
      assert.equal(team.status, 200, name);
      assert.equal(await team.text(), await alias.text(), name);
    }
    assert.equal((await send('GET', '/Team/5000/WrapUpReasons', DONALD)).status, 401, 'another team');
    const put = await send('PUT', '/Team/5000/WrapUpReasons', ADMIN, '<WrapUpReasons/>');
    assert.equal(put.status, 200);
    assert.equal((await send('PUT', '/Team/5000/WrapUpReasons', MICKEY, '<WrapUpReasons/>')).status, 401);
  });

  it('GET /User/{id}/ReasonCode/{id}: "The reason code must be global … or be assigned to a team to which the user belongs"', async () => {
    const created = await send(
      'POST',
      '/ReasonCode',
      ADMIN,
      '<ReasonCode><category>NOT_READY</category><code>700</code><label>Coaching</label><forAll>false</forAll></ReasonCode>',
    );
    const teamOnly = created.headers.get('location')!.split('/').pop();
    const mine = await send('GET', '/User/2001/ReasonCode/1', MICKEY);
    assert.equal(mine.status, 200);
    assert.equal(xml(await mine.text()).getChildText('label'), 'Break');
    assert.equal((await send('GET', '/User/2001/ReasonCode/11', MICKEY)).status, 200, 'a LOGOUT code too');
    assert.deepEqual(await apiErrorOf(await send('GET', `/User/2001/ReasonCode/${teamOnly}`, MICKEY)), [
      'Not Found',
      'NOT_FOUND',
      `ReasonCode ${teamOnly}`,
    ]);
    assert.equal((await send('GET', '/User/2001/ReasonCode/1', DONALD)).status, 401, "another user's");
    assert.equal((await send('DELETE', `/ReasonCode/${teamOnly}`)).status, 200);
  });

  it('GET /ReasonCode/{id}: "Administrators and agents can use this API" — an agent the codes it may use', async () => {
    const one = await send('GET', '/ReasonCode/2', MICKEY);
    assert.equal(one.status, 200);
    assert.equal(xml(await one.text()).getChildText('label'), 'Lunch');
    assert.equal((await send('GET', '/ReasonCode/2', WALT)).status, 200);
    // A code neither global nor assigned to the agent's team is not one it may use: for it, that
    // code does not exist (404), while the administrator reads it.
    const created = await send(
      'POST',
      '/ReasonCode',
      ADMIN,
      '<ReasonCode><category>NOT_READY</category><code>701</code><label>Audit</label><forAll>false</forAll></ReasonCode>',
    );
    const other = created.headers.get('location')!.split('/').pop();
    assert.deepEqual(await apiErrorOf(await send('GET', `/ReasonCode/${other}`, MICKEY)), [
      'Not Found',
      'NOT_FOUND',
      `ReasonCode ${other}`,
    ]);
    assert.equal((await send('GET', `/ReasonCode/${other}`, ADMIN)).status, 200);
    assert.equal((await send('DELETE', `/ReasonCode/${other}`)).status, 200);
    // Writes and lists stay the administrator's.
    assert.equal(
      (await send('PUT', '/ReasonCode/2', MICKEY, '<ReasonCode><label>x</label></ReasonCode>')).status,
      401,
    );
    assert.equal((await send('GET', '/ReasonCodes?category=ALL', MICKEY)).status, 401);
  });
});

describe('sign-ins Switchboard does not offer', () => {
  const { api, send } = apiSuite();

  it('a mobileAgent or activeDeviceId sign-in is 400 Mode Not Allowed, never a silent plain sign-in', async () => {
    const bodies: [string, string][] = [
      [
        '<User><state>LOGIN</state><extension>2003</extension><mobileAgent><mode>CALL_BY_CALL</mode><dialNumber>4085551234</dialNumber></mobileAgent></User>',
        'mobileAgent',
      ],
      [
        '<User><state>LOGIN</state><extension>2003</extension><activeDeviceId>SEP001122334455</activeDeviceId></User>',
        'activeDeviceId',
      ],
    ];
    for (const [body, element] of bodies) {
      const before = api().core.changes.length;
      const res = await send('PUT', '/User/2001', MICKEY, body);
      assert.equal(res.status, 400);
      assert.deepEqual(await apiErrorOf(res), [
        'Mode Not Allowed',
        'Mobile agent sign-in is not supported',
        element,
      ]);
      assert.equal(api().core.changes.length, before, 'nothing went to core');
    }
    // Empty elements, as some clients serialise an unset object, are no mobile sign-in.
    const plain = await send(
      'PUT',
      '/User/2001',
      MICKEY,
      '<User><state>LOGIN</state><extension>2003</extension><mobileAgent><mode></mode></mobileAgent></User>',
    );
    assert.equal(plain.status, 202);
  });
});
