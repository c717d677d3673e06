import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ConfigStore } from '../config-types.ts';
import { watchChanges } from './contract-config.ts';
import { refused } from './contract-people.ts';

/** The documents of resources declared as data (`src/resources`): numbered, scoped, checked, reported. */
export function documentsContract(store: () => ConfigStore) {
  it('numbers new documents per kind and never hands out an id twice', async () => {
    const s = store();
    const changes = watchChanges(s);
    const a = await s.putDocument('contractThing', { body: { label: 'a' } });
    const b = await s.putDocument('contractThing', { body: { label: 'b' } });
    const other = await s.putDocument('contractOther', { body: { n: 1 } });
    assert.ok(a.ok && b.ok && other.ok);
    assert.deepEqual([a.value.id, b.value.id, other.value.id], ['1', '2', '1']);
    assert.ok((await s.deleteDocument('contractThing', '2')).ok);
    const c = await s.putDocument('contractThing', { body: { label: 'c' } });
    assert.ok(c.ok);
    assert.equal(c.value.id, '3');
    assert.deepEqual(await s.getDocument('contractThing', '1'), { id: '1', body: { label: 'a' } });
    assert.deepEqual(
      (await s.listDocuments('contractThing')).map((d) => d.id),
      ['1', '3'],
    );
    await changes.expectInOrder([
      { kind: 'contractThing', op: 'create', id: '1', isLocal: true },
      { kind: 'contractThing', op: 'create', id: '2', isLocal: true },
      { kind: 'contractThing', op: 'delete', id: '2', isLocal: true },
      { kind: 'contractThing', op: 'create', id: '3', isLocal: true },
    ]);
  });

  it('keeps named (scope) documents, updates in place, and runs checks over the others', async () => {
    const s = store();
    assert.ok((await s.putDocument('contractScoped', { id: 'team:5000', body: { x: 1 } })).ok);
    assert.ok((await s.putDocument('contractScoped', { id: 'team:5000', body: { x: 2 } })).ok);
    assert.deepEqual(await s.getDocument('contractScoped', 'team:5000'), { id: 'team:5000', body: { x: 2 } });
    refused(await s.putDocument('contractScoped', { id: 'team:9', body: {}, mustExist: true }), 'not-found');
    const sameX = (others: readonly { body: unknown }[]) =>
      others.some((o) => (o.body as { x: number }).x === 2)
        ? { code: 'conflict' as const, field: 'x', message: 'x taken' }
        : undefined;
    refused(
      await s.putDocument('contractScoped', { id: 'user:2001', body: { x: 2 }, check: sameX }),
      'conflict',
      'x',
    );
    // Its own current body is not among the others: rewriting the same value passes.
    assert.ok((await s.putDocument('contractScoped', { id: 'team:5000', body: { x: 2 }, check: sameX })).ok);
    assert.equal(await s.getDocument('contractScoped', 'user:2001'), undefined);
    refused(await s.deleteDocument('contractScoped', 'user:2001'), 'not-found');
  });
}
