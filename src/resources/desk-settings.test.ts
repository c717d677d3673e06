import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, apiSuite } from '../api/testing/api-fixture.ts';
import { apiErrorOf, shape, xml } from '../api/testing/xml.ts';
import { type ConfigChange, createSqliteStore, DEMO, seedDemoData } from '../store/index.ts';
import { TEST_HASHING } from '../store/testing/hashing.ts';
import { DEFAULT_DESK_SETTINGS, deskSettings, deskSettingsFor } from './desk-settings.ts';

const MICKEY: [string, string] = ['2001', '2001'];

// The documents' storage is in the store contract, on SQLite and PostgreSQL; the API runs on one.
describe('AgentDeskSettings: a collection declared as data', () => {
  const changes: ConfigChange[] = [];
  const { api, send } = apiSuite({ onConfigChange: (c) => changes.push(c) });

  it('creates with 200, an empty body and a Location header (Finesse config create), then reads it in declared order', async () => {
    const created = await send(
      'POST',
      '/AgentDeskSettings',
      ADMIN,
      '<AgentDeskSettings><name>Sales</name><wrapUpOnIncoming>REQUIRED</wrapUpOnIncoming>' +
        '<wrapUpTimer>60</wrapUpTimer><teams><team>5000</team></teams></AgentDeskSettings>',
    );
    assert.equal(created.status, 200);
    assert.equal(await created.text(), '');
    const location = created.headers.get('location')!;
    assert.match(location, /^\/finesse\/api\/AgentDeskSettings\/\d+$/);
    const id = location.split('/').pop()!;
    const got = xml(await (await api().request(location, { auth: ADMIN })).text());
    assert.deepEqual(shape(got), [
      'AgentDeskSettings',
      [
        ['uri', location],
        ['name', 'Sales'],
        ['description', ''],
        ['idleReasonRequired', 'true'],
        ['logoutReasonRequired', 'true'],
        ['wrapUpOnIncoming', 'REQUIRED'],
        ['wrapUpOnOutgoing', 'NOT_ALLOWED'],
        ['wrapUpTimer', '60'],
        ['idleReasonOnRona', '32767'],
        ['isDefault', 'false'],
        ['teams', [['team', '5000']]],
        ['users', ''],
      ],
    ]);
    // PUT: absent elements keep their values; of duplicate tags the last counts (12.5 guide, ReasonCode—Update).
    const put = await send(
      'PUT',
      `/AgentDeskSettings/${id}`,
      ADMIN,
      '<AgentDeskSettings><wrapUpTimer>30</wrapUpTimer><wrapUpTimer>90</wrapUpTimer></AgentDeskSettings>',
    );
    assert.equal(put.status, 200);
    const updated = xml(await put.text());
    assert.equal(updated.getChildText('wrapUpTimer'), '90');
    assert.equal(updated.getChildText('wrapUpOnIncoming'), 'REQUIRED');
    const list = xml(await (await send('GET', '/AgentDeskSettingsList')).text());
    assert.deepEqual(
      list.getChildren('AgentDeskSettings').map((d) => d.getChildText('name')),
      ['Sales'],
    );
    assert.equal((await send('DELETE', `/AgentDeskSettings/${id}`)).status, 200);
    assert.equal((await send('GET', `/AgentDeskSettings/${id}`)).status, 404);
    assert.deepEqual(
      changes.filter((c) => c.kind === 'deskSettings').map((c) => [c.op, c.id]),
      [
        ['create', id],
        ['update', id],
        ['delete', id],
      ],
    );
  });

  it('refuses bad values naming the element, and a team or user given two desk settings', async () => {
    const cases: [string, number, [string, string, string]][] = [
      [
        '<wrapUpOnIncoming>SOMETIMES</wrapUpOnIncoming>',
        400,
        ['Invalid Input', 'INVALID_INPUT', 'wrapUpOnIncoming'],
      ],
      ['<wrapUpTimer>7201</wrapUpTimer>', 400, ['Invalid Input', 'INVALID_INPUT', 'wrapUpTimer']],
      ['<wrapUpTimer>soon</wrapUpTimer>', 400, ['Invalid Input', 'INVALID_INPUT', 'wrapUpTimer']],
      [
        '<idleReasonRequired>yes</idleReasonRequired>',
        400,
        ['Invalid Input', 'INVALID_INPUT', 'idleReasonRequired'],
      ],
      ['<users><user>2001</user></users>', 400, ['Finesse API Error', 'DUPLICATE_VALUE', 'users']],
      ['<isDefault>true</isDefault>', 400, ['Finesse API Error', 'DUPLICATE_VALUE', 'isDefault']],
    ];
    const first = await send(
      'POST',
      '/AgentDeskSettings',
      ADMIN,
      '<AgentDeskSettings><name>Night</name><isDefault>true</isDefault><users><user>2001</user></users></AgentDeskSettings>',
    );
    assert.equal(first.status, 200);
    for (const [extra, status, error] of cases) {
      const res = await send(
        'POST',
        '/AgentDeskSettings',
        ADMIN,
        `<AgentDeskSettings><name>Other</name>${extra}</AgentDeskSettings>`,
      );
      assert.equal(res.status, status, extra);
      assert.deepEqual(await apiErrorOf(res), error, extra);
    }
    const missing = await send(
      'POST',
      '/AgentDeskSettings',
      ADMIN,
      '<AgentDeskSettings></AgentDeskSettings>',
    );
    assert.deepEqual(await apiErrorOf(missing), ['Parameter Missing', 'PARAMETER_MISSING', 'name']);
    const twice = await send(
      'POST',
      '/AgentDeskSettings',
      ADMIN,
      '<AgentDeskSettings><name>Night</name></AgentDeskSettings>',
    );
    assert.deepEqual(await apiErrorOf(twice), ['Finesse API Error', 'DUPLICATE_VALUE', 'name']);
    // Configuration APIs are the administrator's (finesse-api.md §1.1).
    const agent = await send('GET', '/AgentDeskSettingsList', MICKEY);
    assert.equal(agent.status, 401);
    assert.equal((await apiErrorOf(agent))[0], 'Authorization Failure');
    assert.equal(
      (await send('DELETE', `/AgentDeskSettings/${first.headers.get('location')!.split('/').pop()}`)).status,
      200,
    );
  });
});

describe('deskSettingsFor', () => {
  it("gives a user its own desk settings, else its team's, else the default ones, else the built-in", async () => {
    const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
    await seedDemoData(store);
    const put = async (body: Partial<typeof DEFAULT_DESK_SETTINGS>) =>
      assert.ok(
        (await store.putDocument(deskSettings.kind, { body: { ...DEFAULT_DESK_SETTINGS, ...body } })).ok,
      );
    const mickey = DEMO.users.find((u) => u.id === '2001')!;
    const donald = DEMO.users.find((u) => u.id === '2004')!;
    assert.deepEqual(await deskSettingsFor(store, mickey), DEFAULT_DESK_SETTINGS);
    await put({ name: 'Everybody', isDefault: true, wrapUpTimer: 10 });
    await put({ name: 'Team', teams: [mickey.teamId], wrapUpTimer: 20 });
    await put({ name: 'Mickey', users: ['2001'], wrapUpTimer: 30 });
    assert.equal((await deskSettingsFor(store, mickey)).wrapUpTimer, 30);
    assert.equal((await deskSettingsFor(store, { id: '2002', teamId: mickey.teamId })).wrapUpTimer, 20);
    assert.equal((await deskSettingsFor(store, donald)).wrapUpTimer, 10);
    await store.close();
  });
});
