import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeOnEachStore } from '../testing/each-store.ts';
import { apiErrorOf, xml } from '../testing/xml.ts';

const ADMIN: [string, string] = ['admin', 'admin'];
const WALT: [string, string] = ['2010', '2010'];

describeOnEachStore('configuration APIs: objects, users, teams, singletons', ({ api, changes }) => {
  const send = (method: string, path: string, body?: string, auth = ADMIN) =>
    api().request(`/finesse/api${path}`, {
      method,
      auth,
      body,
      headers: { 'Content-Type': 'application/xml' },
    });

  /**
   * A create answers 200, an empty body and the new object's Location (developer guide 12.5,
   * ReasonCode—Create: "The response contains an empty response body, and a "location:" header");
   * the object is read from there.
   */
  const created = async (res: Response) => {
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
    const location = res.headers.get('location');
    assert.ok(location);
    return send('GET', location.replace('/finesse/api', ''));
  };

  it('manages wrap-up reasons, layouts and phone books with contacts', async () => {
    const w = await created(
      await send(
        'POST',
        '/WrapUpReason',
        '<WrapUpReason><label>Callback</label><forAll>true</forAll></WrapUpReason>',
      ),
    );
    assert.equal(w.status, 200);
    assert.deepEqual(
      xml(await w.text())
        .elements()
        .map((e) => e.name),
      ['uri', 'label', 'forAll', 'id'],
    );
    const layout = await created(
      await send(
        'POST',
        '/MediaPropertiesLayout',
        '<MediaPropertiesLayout><name>Sales</name><description>For sales</description><header><entry><displayName>Customer</displayName><mediaProperty>callVariable1</mediaProperty></entry></header><column><entry><displayName>Account</displayName><mediaProperty>callVariable2</mediaProperty></entry></column></MediaPropertiesLayout>',
      ),
    );
    assert.equal(layout.status, 200);
    const l = xml(await layout.text());
    assert.equal(l.getChildText('type'), 'CUSTOM');
    assert.equal(l.getChild('column')?.getChild('entry')?.getChildText('mediaProperty'), 'callVariable2');
    const layouts = xml(await (await send('GET', '/MediaPropertiesLayouts')).text());
    assert.equal(layouts.getChildren('MediaPropertiesLayout').length, 2);

    const book = await created(
      await send('POST', '/PhoneBook', '<PhoneBook><name>Partners</name><type>GLOBAL</type></PhoneBook>'),
    );
    assert.equal(book.status, 200);
    const bookUri = xml(await book.text()).getChildText('uri')!;
    const bookId = bookUri.split('/').pop();
    const contact = await created(
      await send(
        'POST',
        `/PhoneBook/${bookId}/Contact`,
        '<Contact><firstName>Ada</firstName><lastName>Lovelace</lastName><phoneNumber>5551815</phoneNumber><description>Math</description></Contact>',
      ),
    );
    assert.equal(contact.status, 200);
    const c = xml(await contact.text());
    assert.deepEqual(
      c.elements().map((e) => e.name),
      ['firstName', 'lastName', 'phoneNumber', 'description', 'uri'],
    );
    const contactPath = c.getChildText('uri')!.replace('/finesse/api', '');
    const tooLong = await send(
      'PUT',
      contactPath,
      `<Contact><phoneNumber>${'1'.repeat(33)}</phoneNumber></Contact>`,
    );
    assert.deepEqual(await apiErrorOf(tooLong), ['Invalid Input', 'INVALID_INPUT', 'phoneNumber']);
    assert.equal(
      (await send('PUT', contactPath, '<Contact><description>Poet</description></Contact>')).status,
      200,
    );
    assert.equal(xml(await (await send('GET', contactPath)).text()).getChildText('description'), 'Poet');
    assert.equal((await send('DELETE', contactPath)).status, 200);
    assert.equal((await send('DELETE', `/PhoneBook/${bookId}`)).status, 200);
    assert.ok(
      changes.some((ch) => ch.kind === 'contact' && ch.op === 'delete' && ch.id.startsWith(`${bookId}/`)),
    );
  });

  it('manages users and teams with supervisors and members', async () => {
    const user = await created(
      await send(
        'POST',
        '/UserConfig',
        '<User><loginId>3001</loginId><loginName>pluto</loginName><firstName>Pluto</firstName><lastName>Dog</lastName><password>bone</password><roles><role>Agent</role><role>Supervisor</role></roles><teamId>5001</teamId></User>',
      ),
    );
    assert.equal(user.status, 200);
    const u = xml(await user.text());
    assert.equal(u.getChildText('teamName'), 'Donalds_Team');
    assert.equal(u.getChild('password'), undefined, 'never the password');
    assert.equal((await api().request('/finesse/api/User/PLUTO', { auth: ['pluto', 'bone'] })).status, 200);
    const team = await send(
      'POST',
      '/Team',
      '<Team><name>Plutos_Team</name><supervisors><User><loginId>3001</loginId></User></supervisors><users><User><loginId>2006</loginId></User></users></Team>',
    );
    assert.equal(team.status, 200);
    const t = xml(await team.text());
    const teamId = t.getChildText('id')!;
    assert.equal(team.headers.get('location'), `/finesse/api/Team/${teamId}`);
    assert.equal(t.getChild('users')?.getChild('User')?.getChildText('loginId'), '2006');
    assert.equal(t.getChild('supervisors')?.getChild('User')?.getChildText('loginId'), '3001');
    // The new supervisor sees its team, with live state; the other supervisor does not.
    const asPluto = await api().request(`/finesse/api/Team/${teamId}/Users`, { auth: ['3001', 'bone'] });
    assert.equal(asPluto.status, 200);
    assert.equal(
      xml(await asPluto.text())
        .getChild('User')
        ?.getChildText('state'),
      'LOGOUT',
    );
    assert.equal((await api().request(`/finesse/api/Team/${teamId}`, { auth: WALT })).status, 401);
    const renamed = await send('PUT', `/Team/${teamId}`, '<Team><name>Pluto</name><users/></Team>');
    assert.equal(renamed.status, 200);
    assert.equal(
      xml(await renamed.text())
        .getChild('users')
        ?.elements().length,
      0,
    );
    assert.equal((await send('DELETE', `/Team/${teamId}`)).status, 200);
    assert.equal(
      (
        await send(
          'PUT',
          '/UserConfig/3001',
          '<User><firstName>Plato</firstName><teamId>5000</teamId></User>',
        )
      ).status,
      200,
    );
    assert.equal(
      xml(await (await send('GET', '/UserConfig/3001')).text()).getChildText('firstName'),
      'Plato',
    );
    assert.ok(xml(await (await send('GET', '/UserConfigs')).text()).getChildren('User').length > 7);
    assert.equal((await send('DELETE', '/UserConfig/3001')).status, 200);
    assert.equal((await send('GET', '/UserConfig/3001')).status, 404);
    assert.deepEqual(
      changes.filter((ch) => ch.kind === 'user').map((ch) => ch.op),
      ['create', 'update', 'delete'],
    );
  });

  it('reads and writes the SystemConfig and ClusterConfig singletons', async () => {
    const initial = xml(await (await send('GET', '/SystemConfig')).text());
    assert.deepEqual(
      initial
        .getChild('cti')
        ?.elements()
        .map((e) => e.name),
      ['host', 'port', 'backupHost', 'backupPort', 'peripheralId', 'secure'],
    );
    const put = await send(
      'PUT',
      '/SystemConfig',
      '<SystemConfig><cti><host>cti-a.example.com</host><port>42027</port></cti></SystemConfig>',
    );
    assert.equal(put.status, 200);
    assert.equal(
      xml(await put.text())
        .getChild('cti')
        ?.getChildText('host'),
      'cti-a.example.com',
    );
    const bad = await send(
      'PUT',
      '/SystemConfig',
      '<SystemConfig><cti><port>70000</port></cti></SystemConfig>',
    );
    assert.deepEqual(await apiErrorOf(bad), ['Invalid Input', 'INVALID_INPUT', 'port']);
    const cluster = await send(
      'PUT',
      '/ClusterConfig',
      '<ClusterConfig><secondaryNode><host>sb2.example.com</host></secondaryNode></ClusterConfig>',
    );
    assert.equal(cluster.status, 200);
    assert.equal(
      xml(await (await send('GET', '/ClusterConfig')).text())
        .getChild('secondaryNode')
        ?.getChildText('host'),
      'sb2.example.com',
    );
    assert.deepEqual(
      changes.filter((c) => c.kind === 'systemConfig' || c.kind === 'clusterConfig'),
      [
        { kind: 'systemConfig', op: 'update', id: 'SystemConfig' },
        { kind: 'clusterConfig', op: 'update', id: 'ClusterConfig' },
      ],
    );
  });
});
