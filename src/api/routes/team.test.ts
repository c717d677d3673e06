import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeOnEachStore } from '../testing/each-store.ts';
import { apiErrorOf, assertStandardHeaders, xml } from '../testing/xml.ts';

const ADMIN: [string, string] = ['admin', 'admin'];
const MICKEY: [string, string] = ['2001', '2001'];
const DONALD: [string, string] = ['2004', '2004'];
const WALT: [string, string] = ['2010', '2010'];

let clock = 0;
const uploads: [string, string][] = [];

describeOnEachStore(
  'team, team resource and per-user routes',
  (suite) => {
    const api = {
      request: (p: string, init?: RequestInit & { auth?: [string, string] }) => suite.api().request(p, init),
      get store() {
        return suite.api().store;
      },
    };
    let globalBook = 0;
    let teamBook = 0;
    before(async () => {
      clock = Date.parse('2026-11-22T10:00:00Z');
      uploads.length = 0;
      const s = api.store;
      const g = await s.createPhoneBook({ name: 'Company', type: 'GLOBAL' });
      const t = await s.createPhoneBook({ name: 'Minnies', type: 'TEAM' });
      assert.ok(g.ok && t.ok);
      [globalBook, teamBook] = [g.value.id, t.value.id];
      for (let i = 1; i <= 30; i++)
        await s.createContact(globalBook, { lastName: `G${i}`, phoneNumber: `100${i}` });
      for (let i = 1; i <= 5; i++)
        await s.createContact(teamBook, { lastName: `T${i}`, phoneNumber: `200${i}` });
      assert.ok((await s.setTeamPhoneBooks('5000', [teamBook])).ok);
    });

    const get = (path: string, auth: [string, string], headers: Record<string, string> = {}) =>
      api.request(`/finesse/api${path}`, { auth, headers });
    const send = (method: string, path: string, auth: [string, string], body: string) =>
      api.request(`/finesse/api${path}`, { method, auth, body });

    it('shows a team with live user state to its supervisor and administrators only', async () => {
      const res = await get('/Team/5000', WALT);
      assert.equal(res.status, 200);
      assertStandardHeaders(res);
      const team = xml(await res.text());
      assert.deepEqual(
        team.elements().map((e) => e.name),
        ['uri', 'id', 'name', 'users', 'supervisors'],
      );
      const mickey = team
        .getChild('users')
        ?.getChildren('User')
        .find((u) => u.getChildText('loginId') === '2001');
      assert.deepEqual(
        mickey?.elements().map((e) => e.name),
        [
          'uri',
          'loginId',
          'firstName',
          'lastName',
          'dialogs',
          'extension',
          'pendingState',
          'state',
          'stateChangeTime',
        ],
      );
      assert.equal((await get('/Team/5000', ADMIN)).status, 200);
      const users = xml(await (await get('/Team/5000/Users', WALT)).text());
      assert.equal(users.name, 'Users');
      assert.ok(users.getChildren('User').length >= 3);
      const agent = await get('/Team/5000', MICKEY);
      assert.equal(agent.status, 401);
      assert.equal((await apiErrorOf(agent))[0], 'Authorization Failure');
      const other = await get('/Team/5001/Users', WALT);
      assert.deepEqual(await apiErrorOf(other), [
        'Invalid Supervisor',
        'The supervisor does not supervise a team of this agent',
        '5001',
      ]);
      assert.equal((await get('/Team/404', ADMIN)).status, 404);
      assert.equal((await get('/Teams', ADMIN)).status, 200);
    });

    it('lists users for administrators, and a supervisor its teams users', async () => {
      const all = xml(await (await get('/Users', ADMIN)).text()).getChildren('User');
      assert.ok(all.length >= 7);
      const walts = xml(await (await get('/Users', WALT)).text()).getChildren('User');
      assert.ok(walts.length > 0 && walts.every((u) => u.getChildText('teamId') === '5000'));
      assert.equal((await get('/Users', MICKEY)).status, 401);
    });

    it('serves team resources to the team and assigns them by administrator PUT', async () => {
      const made = await api.store.createReasonCode({
        category: 'NOT_READY',
        code: 77,
        label: 'Minnie only',
        forAll: false,
      });
      assert.ok(made.ok);
      const put = await send(
        'PUT',
        '/TeamResource/5000/ReasonCodes?category=NOT_READY',
        ADMIN,
        `<ReasonCodes><ReasonCode><uri>/finesse/api/ReasonCode/${made.value.id}</uri></ReasonCode></ReasonCodes>`,
      );
      assert.equal(put.status, 200);
      const labels = async (auth: [string, string], team: string) =>
        xml(await (await get(`/TeamResource/${team}/ReasonCodes?category=NOT_READY`, auth)).text())
          .getChildren('ReasonCode')
          .map((c) => c.getChildText('label'));
      assert.ok((await labels(MICKEY, '5000')).includes('Minnie only'));
      assert.ok(!(await labels(DONALD, '5001')).includes('Minnie only'));
      assert.equal((await get('/TeamResource/5000/ReasonCodes', DONALD)).status, 401);
      assert.equal(
        (await send('PUT', '/TeamResource/5000/WrapUpReasons', MICKEY, '<WrapUpReasons/>')).status,
        401,
      );
      const wrongCode = await send(
        'PUT',
        '/TeamResource/5000/ReasonCodes',
        ADMIN,
        '<ReasonCodes><ReasonCode><id>1</id></ReasonCode></ReasonCodes>',
      );
      assert.deepEqual(await apiErrorOf(wrongCode), ['Invalid Input', 'INVALID_INPUT', 'ReasonCode']);
      const layout = xml(await (await get('/TeamResource/5000/MediaPropertiesLayout', WALT)).text());
      assert.equal(layout.getChildText('type'), 'DEFAULT');
      const wrapUps = xml(await (await get('/TeamResource/5001/WrapUpReasons', DONALD)).text());
      assert.equal(wrapUps.getChildren('WrapUpReason').length, 3);
    });

    it("answers a user's wrap-up reasons and layout to the user, its supervisor and administrators", async () => {
      const w = xml(await (await get('/User/2001/WrapUpReasons', MICKEY)).text());
      assert.deepEqual(
        w.getChildren('WrapUpReason').map((x) => x.getChildText('label')),
        ['Sale', 'Information', 'Complaint'],
      );
      assert.equal((await get('/User/2002/WrapUpReasons', MICKEY)).status, 401);
      assert.equal((await get('/User/2002/MediaPropertiesLayout', WALT)).status, 200);
      assert.equal(
        xml(await (await get('/User/2001/MediaPropertiesLayout', ADMIN)).text()).name,
        'MediaPropertiesLayout',
      );
    });

    it('ranges phone book contacts across books: 206 with Content-Range, 416 out of range', async () => {
      const all = await get('/User/2001/PhoneBooks', MICKEY);
      assert.equal(all.status, 200);
      const books = xml(await all.text()).getChildren('PhoneBook');
      assert.deepEqual(
        books.map((b) => [b.getChildText('name'), b.getChild('Contacts')?.elements().length]),
        [
          ['Company', 30],
          ['Minnies', 5],
        ],
      );
      const head = await get('/User/2001/PhoneBooks', MICKEY, { Range: 'objects=1-10' });
      assert.equal(head.status, 206);
      assert.equal(head.headers.get('content-range'), 'objects 1-10/35');
      const tail = await get('/User/2001/PhoneBooks?range=28-40', MICKEY);
      assert.equal(tail.status, 206);
      assert.equal(tail.headers.get('content-range'), 'objects 28-35/35');
      const slices = xml(await tail.text())
        .getChildren('PhoneBook')
        .map((b) =>
          b
            .getChild('Contacts')
            ?.getChildren('Contact')
            .map((c) => c.getChildText('lastName')),
        );
      assert.deepEqual(slices, [
        ['G28', 'G29', 'G30'],
        ['T1', 'T2', 'T3', 'T4', 'T5'],
      ]);
      for (const range of [
        'objects=36-40',
        'objects=0-5',
        'objects=1-6001',
        'objects=5-1',
        'bytes=1-5',
        'objects=a-b',
      ]) {
        const res = await get('/User/2001/PhoneBooks', MICKEY, { Range: range });
        assert.equal(res.status, 416, range);
        assert.equal((await apiErrorOf(res))[0], 'Invalid Input');
      }
      // Donald's team has no team book: only the global one.
      const donald = xml(await (await get('/User/2004/PhoneBooks', DONALD)).text());
      assert.deepEqual(
        donald.getChildren('PhoneBook').map((b) => b.getChildText('type')),
        ['GLOBAL'],
      );
      const contacts = await get(`/PhoneBook/${globalBook}/Contacts`, DONALD, { Range: 'objects=30-30' });
      assert.equal(contacts.status, 206);
      assert.equal(
        xml(await contacts.text())
          .getChild('Contact')
          ?.getChildText('lastName'),
        'G30',
      );
      assert.equal((await get(`/PhoneBook/${teamBook}/Contacts`, DONALD)).status, 401);
      assert.equal((await get(`/PhoneBook/${teamBook}/Contacts`, MICKEY)).status, 200);
    });

    it('takes client logs from the user itself only, up to 1,048,576 characters', async () => {
      const post = (id: string, body: string, auth = MICKEY) =>
        send('POST', `/User/${id}/ClientLog`, auth, body);
      const res = await post(
        '2001',
        '<ClientLog><logData>2026-11-22T10:00:00.000 +00:00: : host: line &lt;1&gt;</logData></ClientLog>',
      );
      assert.equal(res.status, 202);
      assert.deepEqual(uploads.at(-1), ['2001', '2026-11-22T10:00:00.000 +00:00: : host: line <1>']);
      assert.equal((await post('2002', '<ClientLog><logData>x</logData></ClientLog>')).status, 401);
      assert.equal((await post('2002', '<ClientLog><logData>x</logData></ClientLog>', WALT)).status, 401);
      const big = await post('2001', `<ClientLog><logData>${'x'.repeat(1_048_577)}</logData></ClientLog>`);
      assert.deepEqual(await apiErrorOf(big), ['Invalid Input', 'INVALID_INPUT', 'logData']);
      assert.equal(
        (await post('2001', `<ClientLog><logData>${'é'.repeat(1_048_576)}</logData></ClientLog>`)).status,
        202,
      );
      assert.equal((await post('2001', '<ClientLog/>')).status, 400);
      for (const method of ['GET', 'PUT']) {
        const r = await api.request('/finesse/api/User/2001/ClientLog', {
          method,
          auth: MICKEY,
          body: method === 'PUT' ? 'x' : undefined,
        });
        assert.equal(r.status, 405, method);
        assert.equal(r.headers.get('allow'), 'POST');
      }
      assert.equal(uploads.length, 2);
    });

    it('lets supervisors message their teams until the message expires', async () => {
      const body = (team: string) =>
        `<TeamMessage><duration>60</duration><content>Stand-up at 3</content><teams><team>${team}</team></teams></TeamMessage>`;
      const created = await send('POST', '/TeamMessage', WALT, body('5000'));
      // TeamMessage—Create a Team Message answers 200 (the parity audit; we answered 201).
      assert.equal(created.status, 200);
      const message = xml(await created.text());
      assert.deepEqual(
        message.elements().map((e) => e.name),
        ['uri', 'id', 'createdBy', 'createdAt', 'duration', 'content', 'teams'],
      );
      assert.equal(message.getChildText('createdAt'), String(clock / 1000));
      const id = message.getChildText('id')!;
      assert.equal(created.headers.get('location'), `/finesse/api/TeamMessage/${id}`);
      assert.deepEqual(await apiErrorOf(await send('POST', '/TeamMessage', WALT, body('5001'))), [
        'Invalid Supervisor',
        'The supervisor does not supervise a team of this agent',
        '5001',
      ]);
      assert.equal((await send('POST', '/TeamMessage', MICKEY, body('5000'))).status, 401);
      assert.equal((await send('POST', '/TeamMessage', ADMIN, body('5001'))).status, 200);
      const tooLong = await send(
        'POST',
        '/TeamMessage',
        WALT,
        body('5000').replace('Stand-up at 3', 'x'.repeat(256)),
      );
      assert.deepEqual(await apiErrorOf(tooLong), ['Invalid Input', 'INVALID_INPUT', 'content']);

      const seen = async (auth: [string, string], team: string) =>
        xml(await (await get(`/Team/${team}/TeamMessages`, auth)).text()).getChildren('TeamMessage').length;
      assert.equal(await seen(MICKEY, '5000'), 1);
      assert.equal((await get('/Team/5000/TeamMessages', DONALD)).status, 401);
      assert.equal(xml(await (await get('/TeamMessages', WALT)).text()).getChildren('TeamMessage').length, 1);
      assert.equal(
        xml(await (await get('/TeamMessages', ADMIN)).text()).getChildren('TeamMessage').length,
        2,
      );
      clock += 60_000;
      assert.equal(await seen(MICKEY, '5000'), 0, 'expired');
      assert.equal((await get(`/TeamMessage/${id}`, WALT)).status, 200);
      assert.equal(
        (await api.request(`/finesse/api/TeamMessage/${id}`, { method: 'DELETE', auth: WALT })).status,
        200,
      );
      assert.equal((await get(`/TeamMessage/${id}`, WALT)).status, 404);
    });
  },
  { now: () => clock, clientLogs: { write: (id, text) => uploads.push([id, text]) } },
);
