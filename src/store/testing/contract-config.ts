import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import type { ConfigStore, StoreChange } from '../config-types.ts';
import { LIMITS } from '../rules.ts';
import type { NewUser } from '../types.ts';
import { refused } from './contract-people.ts';

/**
 * Records a store's change notices. `expectInOrder` waits until `expected` have come in that
 * order among them — PostgreSQL delivers through LISTEN a moment after the commit, SQLite another
 * process's writes at its next poll, and notices of an earlier test's writes may still arrive
 * first — then stops listening. It waits on the notices themselves; the bound only ends a test
 * that would otherwise hang.
 */
export function watchChanges(s: ConfigStore, boundMs = 15_000) {
  const seen: StoreChange[] = [];
  let onSeen = () => {};
  const off = s.onChange((c) => {
    seen.push(c);
    onSeen();
  });
  return {
    seen,
    async expectInOrder(expected: StoreChange[]): Promise<void> {
      const ours = () => {
        let next = 0;
        for (const c of seen) if (next < expected.length && isDeepStrictEqual(c, expected[next])) next++;
        return next === expected.length;
      };
      if (!ours()) {
        await new Promise<void>((resolve) => {
          const bound = setTimeout(resolve, boundMs);
          onSeen = () => {
            if (!ours()) return;
            clearTimeout(bound);
            resolve();
          };
        });
      }
      off();
      assert.ok(ours(), `expected ${JSON.stringify(expected)} in order within ${JSON.stringify(seen)}`);
    },
  };
}

/** An agent of `teamId` for tests of how users travel between stores (nodes, processes). */
export const agentOf = (teamId: string, id: string, loginName: string): NewUser => ({
  id,
  loginName,
  firstName: 'Agent',
  lastName: id,
  roles: ['Agent'],
  teamId,
  password: `secret-${id}`,
});

const entry = (n: number) => ({ displayName: `Var ${n}`, mediaProperty: `callVariable${n}` });

/** Reason codes, wrap-up reasons, phone books, contacts, layouts, messages, singletons, onChange. */
export function configContract(store: () => ConfigStore) {
  it('keeps reason codes unique per category, within limits, and assigns team codes', async () => {
    const s = store();
    const made = await s.createReasonCode({
      category: 'NOT_READY',
      code: 500,
      label: 'Coaching',
      forAll: false,
    });
    assert.ok(made.ok);
    assert.deepEqual(
      { ...made.value, id: 0 },
      {
        id: 0,
        category: 'NOT_READY',
        code: 500,
        label: 'Coaching',
        forAll: false,
        systemCode: false,
      },
    );
    const id = made.value.id;
    refused(await s.createReasonCode({ category: 'NOT_READY', code: 1, label: 'New' }), 'conflict', 'code');
    refused(
      await s.createReasonCode({ category: 'NOT_READY', code: 501, label: 'Break' }),
      'conflict',
      'label',
    );
    assert.ok(
      (await s.createReasonCode({ category: 'LOGOUT', code: 1, label: 'Break again' })).ok,
      'other category',
    );
    refused(
      await s.createReasonCode({ category: 'NOT_READY', code: 65536, label: 'Big' }),
      'invalid',
      'code',
    );
    refused(
      await s.createReasonCode({ category: 'NOT_READY', code: 7, label: 'x'.repeat(41) }),
      'invalid',
      'label',
    );
    refused(
      await s.createReasonCode({ category: 'READY' as 'LOGOUT', code: 7, label: 'x' }),
      'invalid',
      'category',
    );

    assert.deepEqual(
      (await s.listTeamReasonCodes('5000', 'NOT_READY')).map((c) => c.label),
      ['Break', 'Lunch', 'Meeting', 'Training'],
    );
    assert.ok((await s.setTeamReasonCodes('5000', [id], 'NOT_READY')).ok);
    assert.ok((await s.listTeamReasonCodes('5000', 'NOT_READY')).some((c) => c.id === id));
    assert.ok(!(await s.listTeamReasonCodes('5001')).some((c) => c.id === id));
    refused(await s.setTeamReasonCodes('5000', [1]), 'invalid', 'ReasonCode');
    refused(await s.setTeamReasonCodes('404', [id]), 'not-found');

    const updated = await s.updateReasonCode(id, { label: 'Coaching 1:1' });
    assert.ok(updated.ok && updated.value.label === 'Coaching 1:1' && updated.value.code === 500);
    refused(await s.updateReasonCode(id, { label: 'Lunch' }), 'conflict', 'label');
    refused(await s.updateReasonCode(99999, { label: 'x' }), 'not-found');
    assert.ok((await s.deleteReasonCode(id)).ok);
    assert.equal(await s.getReasonCode(id), undefined);
    refused(await s.deleteReasonCode(id), 'not-found');

    const global = (await s.listReasonCodes('NOT_READY')).filter((c) => c.forAll).length;
    for (let i = global; i < LIMITS.globalReasonCodes; i++) {
      assert.ok((await s.createReasonCode({ category: 'NOT_READY', code: 1000 + i, label: `Bulk ${i}` })).ok);
    }
    refused(await s.createReasonCode({ category: 'NOT_READY', code: 2000, label: 'One too many' }), 'limit');
    assert.ok(
      (await s.createReasonCode({ category: 'NOT_READY', code: 2000, label: 'Team one', forAll: false })).ok,
    );
  });

  it('keeps wrap-up reasons unique, 39 characters at most, and assigns team ones', async () => {
    const s = store();
    assert.ok((await s.createWrapUpReason({ label: 'x'.repeat(39) })).ok);
    refused(await s.createWrapUpReason({ label: 'x'.repeat(40) }), 'invalid', 'label');
    refused(await s.createWrapUpReason({ label: 'Sale' }), 'conflict', 'label');
    const team = await s.createWrapUpReason({ label: 'Escalated', forAll: false });
    assert.ok(team.ok);
    assert.ok((await s.setTeamWrapUpReasons('5001', [team.value.id])).ok);
    assert.ok((await s.listTeamWrapUpReasons('5001')).some((w) => w.label === 'Escalated'));
    assert.ok(!(await s.listTeamWrapUpReasons('5000')).some((w) => w.label === 'Escalated'));
    const updated = await s.updateWrapUpReason(team.value.id, { label: 'Escalation' });
    assert.ok(updated.ok && updated.value.forAll === false);
    assert.equal((await s.getWrapUpReason(team.value.id))?.label, 'Escalation');
    assert.ok((await s.deleteWrapUpReason(team.value.id)).ok);
    refused(await s.deleteWrapUpReason(team.value.id), 'not-found');
  });

  it('keeps phone books within limits, refuses changes to those in use, and pages contacts', async () => {
    const s = store();
    const global = await s.createPhoneBook({ name: 'Company', type: 'GLOBAL' });
    const team = await s.createPhoneBook({ name: 'Sales', type: 'TEAM' });
    assert.ok(global.ok && team.ok);
    refused(await s.createPhoneBook({ name: 'Company', type: 'TEAM' }), 'conflict', 'name');
    refused(await s.createPhoneBook({ name: 'X', type: 'OTHER' as 'TEAM' }), 'invalid', 'type');
    refused(await s.createPhoneBook({ name: 'x'.repeat(65), type: 'TEAM' }), 'invalid', 'name');
    assert.ok((await s.setTeamPhoneBooks('5000', [team.value.id])).ok);
    refused(await s.setTeamPhoneBooks('5000', [global.value.id]), 'invalid', 'PhoneBook');
    assert.deepEqual(
      (await s.listTeamPhoneBooks('5000')).map((b) => b.name),
      ['Company', 'Sales'],
    );
    assert.deepEqual(
      (await s.listTeamPhoneBooks('5001')).map((b) => b.name),
      ['Company'],
    );
    refused(await s.updatePhoneBook(team.value.id, { type: 'GLOBAL' }), 'in-use', 'type');
    refused(await s.deletePhoneBook(team.value.id), 'in-use');
    for (let i = 1; i < LIMITS.globalPhoneBooks; i++) {
      assert.ok((await s.createPhoneBook({ name: `Global ${i}`, type: 'GLOBAL' })).ok);
    }
    refused(await s.createPhoneBook({ name: 'Eleventh', type: 'GLOBAL' }), 'limit');

    const book = team.value.id;
    for (let i = 1; i <= 5; i++) {
      const c = await s.createContact(book, {
        firstName: `F${i}`,
        lastName: `L${i}`,
        phoneNumber: `555000${i}`,
      });
      assert.ok(c.ok);
      assert.equal(c.value.description, '');
    }
    refused(await s.createContact(book, { phoneNumber: '' }), 'missing', 'phoneNumber');
    refused(await s.createContact(book, { phoneNumber: '1'.repeat(33) }), 'invalid', 'phoneNumber');
    refused(
      await s.createContact(book, { phoneNumber: '1', description: 'd'.repeat(129) }),
      'invalid',
      'description',
    );
    refused(await s.createContact(99999, { phoneNumber: '1' }), 'not-found');
    assert.equal(await s.countContacts(book), 5);
    const page = await s.listContacts(book, { offset: 1, limit: 2 });
    assert.deepEqual(
      page.map((c) => c.firstName),
      ['F2', 'F3'],
    );
    const second = page[0];
    const changed = await s.updateContact(book, second.id, { description: 'VIP' });
    assert.ok(changed.ok && changed.value.phoneNumber === '5550002' && changed.value.description === 'VIP');
    assert.equal((await s.getContact(book, second.id))?.description, 'VIP');
    assert.equal(await s.getContact(global.value.id, second.id), undefined, 'contacts belong to their book');
    assert.ok((await s.deleteContact(book, second.id)).ok);
    refused(await s.deleteContact(book, second.id), 'not-found');
    assert.ok((await s.setTeamPhoneBooks('5000', [])).ok);
    assert.ok((await s.deletePhoneBook(book)).ok);
    assert.equal(await s.countContacts(book), 0);
  });

  it('keeps a DEFAULT layout for teams without one, and custom layouts within limits', async () => {
    const s = store();
    const def = await s.getTeamLayout('5000');
    assert.equal(def.type, 'DEFAULT');
    assert.ok(def.header.length <= LIMITS.layoutHeaderEntries);
    const made = await s.createLayout({
      name: 'Sales',
      description: 'd',
      header: [entry(1)],
      columns: [[entry(2)], [entry(3)]],
    });
    assert.ok(made.ok && made.value.type === 'CUSTOM' && made.value.id !== def.id);
    refused(
      await s.createLayout({ name: 'Sales', description: '', header: [], columns: [] }),
      'conflict',
      'name',
    );
    refused(
      await s.createLayout({ name: 'Y', description: '', header: [entry(1), entry(2)], columns: [] }),
      'limit',
      'header',
    );
    refused(
      await s.createLayout({ name: 'Y', description: '', header: [], columns: [[], [], []] }),
      'limit',
      'column',
    );
    refused(
      await s.createLayout({
        name: 'Y',
        description: '',
        header: [{ displayName: '', mediaProperty: 'x' }],
        columns: [],
      }),
      'missing',
      'displayName',
    );
    assert.ok((await s.setTeamLayout('5000', made.value.id)).ok);
    assert.equal((await s.getTeamLayout('5000')).name, 'Sales');
    const updated = await s.updateLayout(made.value.id, { columns: [[entry(4)]] });
    assert.ok(updated.ok);
    assert.deepEqual((await s.getLayout(made.value.id))?.columns, [[entry(4)]]);
    refused(await s.deleteLayout(def.id), 'in-use');
    assert.ok((await s.deleteLayout(made.value.id)).ok);
    assert.equal((await s.getTeamLayout('5000')).type, 'DEFAULT', 'a deleted layout leaves the default');
    assert.equal((await s.listLayouts()).length, 1);
  });

  it('shows team messages until they expire, to their teams only', async () => {
    const s = store();
    const base = { createdBy: '2010', createdAt: 1000, content: 'Meeting at 3' };
    const m = await s.createTeamMessage({ ...base, id: 'm-1', duration: 60, teamIds: ['5000'] });
    assert.ok(m.ok);
    assert.deepEqual(m.value.createdBy, { id: '2010', firstName: 'Walt', lastName: 'Disney' });
    assert.ok(
      (
        await s.createTeamMessage({
          ...base,
          id: 'm-2',
          createdAt: 1010,
          duration: 600,
          teamIds: ['5000', '5001'],
        })
      ).ok,
    );
    refused(await s.createTeamMessage({ ...base, id: 'm-3', duration: 60, teamIds: [] }), 'missing', 'teams');
    refused(
      await s.createTeamMessage({ ...base, id: 'm-3', duration: 60, teamIds: ['404'] }),
      'invalid',
      'teams',
    );
    refused(
      await s.createTeamMessage({
        ...base,
        id: 'm-3',
        duration: 60,
        content: 'x'.repeat(256),
        teamIds: ['5000'],
      }),
      'invalid',
      'content',
    );
    assert.deepEqual(
      (await s.listTeamMessages(1059)).map((x) => x.id),
      ['m-2', 'm-1'],
    );
    assert.deepEqual(
      (await s.listTeamMessages(1060)).map((x) => x.id),
      ['m-2'],
    );
    assert.deepEqual(
      (await s.listTeamMessages(1000, ['5001'])).map((x) => x.id),
      ['m-2'],
    );
    assert.deepEqual((await s.getTeamMessage('m-2'))?.teamIds, ['5000', '5001']);
    assert.ok((await s.deleteTeamMessage('m-2')).ok);
    refused(await s.deleteTeamMessage('m-2'), 'not-found');
  });

  it('stores the SystemConfig and ClusterConfig singletons, with defaults', async () => {
    const s = store();
    assert.equal((await s.getSystemConfig()).cti.port, 42027);
    const cti = {
      host: 'cti-a.example.com',
      port: 42027,
      backupHost: '10.0.0.2',
      backupPort: 42028,
      peripheralId: 5000,
      secure: false,
    };
    assert.ok((await s.putSystemConfig({ cti })).ok);
    assert.deepEqual(await s.getSystemConfig(), { cti });
    refused(await s.putSystemConfig({ cti: { ...cti, port: 0 } }), 'invalid', 'port');
    refused(await s.putSystemConfig({ cti: { ...cti, host: 'bad host' } }), 'invalid', 'host');
    assert.equal((await s.getClusterConfig()).secondaryNode.host, '');
    assert.ok((await s.putClusterConfig({ secondaryNode: { host: 'sb2.example.com' } })).ok);
    assert.equal((await s.getClusterConfig()).secondaryNode.host, 'sb2.example.com');
  });

  it('reports every committed write to onChange listeners, and no refused one', async () => {
    const s = store();
    const changes = watchChanges(s);
    const { seen } = changes;
    const made = await s.createWrapUpReason({ label: 'Watched' });
    assert.ok(made.ok);
    refused(await s.createWrapUpReason({ label: 'Watched' }), 'conflict');
    assert.ok((await s.deleteWrapUpReason(made.value.id)).ok);
    assert.ok((await s.putClusterConfig({ secondaryNode: { host: '' } })).ok);
    const id = String(made.value.id);
    const expected: StoreChange[] = [
      { kind: 'wrapUpReason', op: 'create', id, isLocal: true },
      { kind: 'wrapUpReason', op: 'delete', id, isLocal: true },
      { kind: 'clusterConfig', op: 'update', id: 'ClusterConfig', isLocal: true },
    ];
    await changes.expectInOrder(expected);
    // The refused duplicate produced nothing: exactly one create and one delete of the reason.
    assert.equal(seen.filter((c) => c.kind === 'wrapUpReason').length, 2);
  });
}
