import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCollection } from '../../resources/index.ts';
import { ADMIN, apiSuite } from '../testing/api-fixture.ts';
import { apiErrorOf, xml } from '../testing/xml.ts';

const MICKEY: [string, string] = ['2001', '2001'];
const DONALD: [string, string] = ['2004', '2004'];
const WALT: [string, string] = ['2010', '2010'];

/** A collection teams get some of, as Finesse's Workflows: declared here only to test the derivation. */
const gizmo = defineCollection({
  name: 'Gizmo',
  many: 'Gizmos',
  kind: 'testGizmo',
  title: 'Gizmos',
  noun: 'gizmo',
  max: 2,
  isTeamAssigned: true,
  fields: { label: { type: 'text', label: 'Label', min: 1, max: 10 } },
});

describe('routes derived from a resource declaration: limits, team assignment', () => {
  const { send } = apiSuite({ resources: [gizmo] });
  const labels = async (res: Response) =>
    xml(await res.text())
      .getChildren('Gizmo')
      .map((g) => g.getChildText('label'));

  it("assigns objects to a team by reference; the team's members and supervisors and its users read them", async () => {
    const a = (await send('POST', '/Gizmo', ADMIN, '<Gizmo><label>a</label></Gizmo>')).headers.get(
      'location',
    )!;
    const b = (await send('POST', '/Gizmo', ADMIN, '<Gizmo><label>b</label></Gizmo>')).headers.get(
      'location',
    )!;
    const third = await send('POST', '/Gizmo', ADMIN, '<Gizmo><label>c</label></Gizmo>');
    assert.deepEqual(await apiErrorOf(third), ['Maximum Exceeded', 'MAXIMUM_EXCEEDED', 'Gizmo']);
    const idB = b.split('/').pop();
    const put = await send(
      'PUT',
      '/Team/5000/Gizmos',
      ADMIN,
      `<Gizmos><Gizmo><uri>${a}</uri></Gizmo><Gizmo><id>${idB}</id></Gizmo></Gizmos>`,
    );
    assert.equal(put.status, 200);
    assert.deepEqual(await labels(put), ['a', 'b']);
    assert.deepEqual(await labels(await send('GET', '/Team/5000/Gizmos', MICKEY)), ['a', 'b']);
    assert.deepEqual(await labels(await send('GET', '/TeamResource/5000/Gizmos', WALT)), ['a', 'b']);
    assert.deepEqual(await labels(await send('GET', '/User/2001/Gizmos', MICKEY)), ['a', 'b']);
    assert.deepEqual(await labels(await send('GET', '/User/2004/Gizmos', DONALD)), []);
    assert.equal((await send('GET', '/Team/5000/Gizmos', DONALD)).status, 401);
    assert.equal((await send('PUT', '/Team/5000/Gizmos', MICKEY, '<Gizmos/>')).status, 401);
    assert.equal(
      (await send('PUT', '/Team/5000/Gizmos', ADMIN, '<Gizmos><Gizmo><id>99</id></Gizmo></Gizmos>')).status,
      404,
    );
    // A deleted object is no longer the team's.
    assert.equal((await send('DELETE', `/Gizmo/${idB}`)).status, 200);
    assert.deepEqual(await labels(await send('GET', '/Team/5000/Gizmos', MICKEY)), ['a']);
  });
});
