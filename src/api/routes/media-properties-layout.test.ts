import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, apiSuite } from '../testing/api-fixture.ts';
import { shape, xml } from '../testing/xml.ts';

const MICKEY: [string, string] = ['2001', '2001'];

describe('MediaPropertiesLayout entries and the user’s layouts', () => {
  const { api, send } = apiSuite();

  it('keeps each entry’s showInPopOver and uiEditable; GET /User/{id}/MediaPropertiesLayouts lists the team’s and the DEFAULT', async () => {
    const created = await send(
      'POST',
      '/MediaPropertiesLayout',
      ADMIN,
      '<MediaPropertiesLayout><name>Sales</name><description></description>' +
        '<header><entry><displayName>Customer</displayName><mediaProperty>callVariable1</mediaProperty><showInPopOver>true</showInPopOver></entry></header>' +
        '<column><entry><displayName>Account</displayName><mediaProperty>user.account</mediaProperty><uiEditable>true</uiEditable></entry></column>' +
        '</MediaPropertiesLayout>',
    );
    const uri = created.headers.get('location')!;
    const layout = xml(await (await api().request(uri, { auth: ADMIN })).text());
    assert.deepEqual(shape(layout.getChild('header')!.getChild('entry')!), [
      'entry',
      [
        ['displayName', 'Customer'],
        ['mediaProperty', 'callVariable1'],
        ['showInPopOver', 'true'],
        ['uiEditable', 'false'],
      ],
    ]);
    assert.equal(layout.getChild('column')?.getChild('entry')?.getChildText('uiEditable'), 'true');
    const assign = await send(
      'PUT',
      '/Team/5000/MediaPropertiesLayout',
      ADMIN,
      `<MediaPropertiesLayout><uri>${uri}</uri></MediaPropertiesLayout>`,
    );
    assert.equal(assign.status, 200);
    const mine = xml(await (await send('GET', '/User/2001/MediaPropertiesLayouts', MICKEY)).text());
    assert.equal(mine.name, 'MediaPropertiesLayouts');
    assert.deepEqual(
      mine.getChildren('MediaPropertiesLayout').map((l) => [l.getChildText('name'), l.getChildText('type')]),
      [
        ['Sales', 'CUSTOM'],
        ['Default Layout', 'DEFAULT'],
      ],
    );
    const donald = xml(
      await (await send('GET', '/User/2004/MediaPropertiesLayouts', ['2004', '2004'])).text(),
    );
    assert.deepEqual(
      donald.getChildren('MediaPropertiesLayout').map((l) => l.getChildText('type')),
      ['DEFAULT'],
    );
  });
});
