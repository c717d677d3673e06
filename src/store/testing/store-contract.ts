import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConfigStore } from '../config-types.ts';
import { seedDemoData } from '../demo.ts';
import { clusterContract } from './contract-cluster.ts';
import { configContract } from './contract-config.ts';
import { documentsContract } from './contract-documents.ts';
import { gadgetsContract } from './contract-gadgets.ts';
import { peopleContract } from './contract-people.ts';
import { queuesAndLockoutsContract } from './contract-queues-lockouts.ts';

/**
 * The behaviour every `ConfigStore` must show, run against each implementation (SQLite file and
 * memory, PostgreSQL) on a fresh database holding the demo data. The cases build on each other
 * in order, as an administrator's session would.
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<ConfigStore>,
  options: { skip?: string } = {},
) {
  describe(`store contract: ${name}`, () => {
    // A skip is a counted, visible test with its reason, never a suite that quietly vanishes.
    if (options.skip) {
      it('runs the store contract', { skip: options.skip }, () => {});
      return;
    }
    let store: ConfigStore;
    before(async () => {
      store = await open();
      assert.equal(await seedDemoData(store), true);
    });
    after(() => store?.close());
    peopleContract(() => store);
    configContract(() => store);
    queuesAndLockoutsContract(() => store);
    gadgetsContract(() => store);
    clusterContract(() => store);
    documentsContract(() => store);
  });
}
