import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ApiFixture, startApiFixture } from '../api/testing/api-fixture.ts';
import { apiErrorOf, shape, xml } from '../api/testing/xml.ts';
import type { ConfigChange } from '../store/index.ts';

const ADMIN: [string, string] = ['admin', 'admin'];
const MICKEY: [string, string] = ['2001', '2001'];

// The documents' storage is in the store contract, on SQLite and PostgreSQL; the API runs on one.
describe('ECCVariableConfig: a singleton declared as data', () => {
  let fixture: ApiFixture;
  const changes: ConfigChange[] = [];
  before(async () => {
    fixture = await startApiFixture({ onConfigChange: (c) => changes.push(c) });
  });
  after(() => fixture.stop());
  const api = () => fixture;
  const send = (method: string, body?: string, auth = ADMIN) =>
    api().request('/finesse/api/ECCVariableConfig', { method, auth, body });

  it('is <ECCVariableConfig><ECCVariable><name/><length/>… as the Finesse guide shows it, readable by agents', async () => {
    const empty = await send('GET', undefined, MICKEY);
    assert.equal(empty.status, 200);
    assert.deepEqual(shape(xml(await empty.text())), ['ECCVariableConfig', '']);
    const put = await send(
      'PUT',
      '<ECCVariableConfig><ECCVariable><name>user.microapp.locale</name><length>5</length></ECCVariable>' +
        '<ECCVariable><name>user.cvp_server_info</name></ECCVariable></ECCVariableConfig>',
    );
    assert.equal(put.status, 200);
    const got = xml(await (await send('GET', undefined, MICKEY)).text());
    assert.deepEqual(shape(got), [
      'ECCVariableConfig',
      [
        [
          'ECCVariable',
          [
            ['name', 'user.microapp.locale'],
            ['length', '5'],
          ],
        ],
        [
          'ECCVariable',
          [
            ['name', 'user.cvp_server_info'],
            ['length', '40'],
          ],
        ],
      ],
    ]);
  });

  it('refuses names that are not ECC variables, lengths over 210 bytes, a name twice, and writes by agents', async () => {
    const one = (name: string, length = '40') =>
      `<ECCVariableConfig><ECCVariable><name>${name}</name><length>${length}</length></ECCVariable></ECCVariableConfig>`;
    assert.deepEqual(await apiErrorOf(await send('PUT', one('callVariable1'))), [
      'Invalid Input',
      'INVALID_INPUT',
      'name',
    ]);
    // "The maximum payload per ECC variable (bytes) in Unified UCC is 210."
    assert.deepEqual(await apiErrorOf(await send('PUT', one('user.a', '211'))), [
      'Invalid Input',
      'INVALID_INPUT',
      'length',
    ]);
    const twice =
      '<ECCVariableConfig><ECCVariable><name>user.a</name></ECCVariable><ECCVariable><name>user.a</name></ECCVariable></ECCVariableConfig>';
    assert.deepEqual(await apiErrorOf(await send('PUT', twice)), [
      'Invalid Input',
      'INVALID_INPUT',
      'variables',
    ]);
    const agent = await send('PUT', one('user.a'), MICKEY);
    assert.equal(agent.status, 401);
  });
});
