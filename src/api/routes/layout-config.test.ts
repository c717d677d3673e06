import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_LAYOUT_XML } from '../../gadgets/index.ts';
import { escapeText } from '../../xml/index.ts';
import { describeOnEachStore } from '../testing/each-store.ts';
import { apiErrorOf, xml } from '../testing/xml.ts';

const ADMIN: [string, string] = ['admin', 'admin'];
const NS = 'http://www.cisco.com/vtg/finesse';
/** A small valid layout with one tab and a gadget URL whose query needs `&amp;`. */
const layout = (label: string) =>
  `<finesseLayout xmlns="${NS}"><version>1250.03</version><layout><role>Agent</role><tabs><tab><id>home</id><label>${label}</label><gadgets><gadget id="crm">/3rdpartygadget/files/CRM/crm.xml?a=1&amp;b=2</gadget></gadgets></tab></tabs></layout></finesseLayout>`;

describeOnEachStore('LayoutConfig API (desktop layout)', ({ send, changes }) => {
  const layoutxml = async (res: Response) => xml(await res.text()).getChildText('layoutxml');

  it('serves the built-in default layout until one is saved, to any signed-in user', async () => {
    const res = await send('GET', '/LayoutConfig/default', undefined, ['2001', '2001']);
    assert.equal(res.status, 200);
    const body = xml(await res.text());
    assert.equal(body.name, 'LayoutConfig');
    assert.equal(body.getChildText('uri'), '/finesse/api/LayoutConfig/default');
    assert.equal(body.getChildText('layoutxml'), DEFAULT_LAYOUT_XML);
  });

  it('saves a valid default layout (admins only), escaped in layoutxml, and announces it', async () => {
    const put = (auth: [string, string]) =>
      send(
        'PUT',
        '/LayoutConfig/default',
        `<LayoutConfig><layoutxml>${escapeText(layout('Mine'))}</layoutxml></LayoutConfig>`,
        auth,
      );
    assert.equal((await put(['2001', '2001'])).status, 401);
    const res = await put(ADMIN);
    assert.equal(res.status, 200);
    assert.equal(await layoutxml(res), layout('Mine'));
    assert.equal(await layoutxml(await send('GET', '/LayoutConfig/default')), layout('Mine'));
    assert.deepEqual(changes.at(-1), { kind: 'layoutConfig', op: 'update', id: 'default' });
    // The raw text on the wire escapes the layout (finesse.js un-escapes &amp; on read).
    const raw = await (await send('GET', '/LayoutConfig/default')).text();
    assert.match(raw, /<layoutxml>&lt;finesseLayout xmlns=/);
    assert.match(raw, /a=1&amp;amp;b=2/);
  });

  it('refuses a malformed or invalid layout with a 400 naming line and element, and keeps the previous one', async () => {
    const bad = `<finesseLayout xmlns="${NS}">\n<layout>\n<role>Agent</role>\n<page><gadget maxRows="x">/a.xml</gadget></page>\n</layout>\n</finesseLayout>`;
    const res = await send(
      'PUT',
      '/LayoutConfig/default',
      `<LayoutConfig><layoutxml>${escapeText(bad)}</layoutxml></LayoutConfig>`,
    );
    assert.equal(res.status, 400);
    assert.deepEqual(await apiErrorOf(res), [
      'Invalid Input',
      'INVALID_INPUT',
      'layoutxml line 4, <gadget>: maxRows "x" must be a whole number from 1',
    ]);
    const broken = await send(
      'PUT',
      '/LayoutConfig/default',
      `<LayoutConfig><layoutxml>${escapeText('<finesseLayout><oops></finesseLayout>')}</layoutxml></LayoutConfig>`,
    );
    assert.equal(broken.status, 400);
    assert.match((await apiErrorOf(broken))[2], /^layoutxml line 1, <finesseLayout>: not well-formed XML/);
    const missing = await send('PUT', '/LayoutConfig/default', '<LayoutConfig><uri/></LayoutConfig>');
    assert.deepEqual(await apiErrorOf(missing), ['Parameter Missing', 'PARAMETER_MISSING', 'layoutxml']);
    assert.equal(await layoutxml(await send('GET', '/LayoutConfig/default')), layout('Mine'));
  });

  it('gives a team its own layout or the default (useDefault), readable by its members and supervisors', async () => {
    const team = (body: string) =>
      send('PUT', '/Team/5000/LayoutConfig', `<TeamLayoutConfig>${body}</TeamLayoutConfig>`);
    const own = await team(
      `<useDefault>false</useDefault><layoutxml>${escapeText(layout('Team 5000'))}</layoutxml>`,
    );
    assert.equal(own.status, 200);
    const body = xml(await own.text());
    assert.equal(body.name, 'TeamLayoutConfig');
    assert.equal(body.getChildText('useDefault'), 'false');
    assert.equal(body.getChildText('layoutxml'), layout('Team 5000'));
    // Mickey (agent of 5000) and Walt (its supervisor) read it; Donald (team 5001) may not.
    assert.equal(
      await layoutxml(await send('GET', '/Team/5000/LayoutConfig', undefined, ['2001', '2001'])),
      layout('Team 5000'),
    );
    assert.equal((await send('GET', '/Team/5000/LayoutConfig', undefined, ['2010', '2010'])).status, 200);
    assert.equal((await send('GET', '/Team/5000/LayoutConfig', undefined, ['2004', '2004'])).status, 401);
    // The layout that applies to a user: the team's own, else the default.
    const mickey = await send('GET', '/User/2001/LayoutConfig', undefined, ['2001', '2001']);
    assert.equal(await layoutxml(mickey), layout('Team 5000'));
    assert.equal(
      await layoutxml(await send('GET', '/User/2004/LayoutConfig', undefined, ['2004', '2004'])),
      layout('Mine'),
    );
    assert.equal((await send('GET', '/User/2004/LayoutConfig', undefined, ['2001', '2001'])).status, 401);

    // useDefault=true ignores any layoutxml, even an invalid one.
    const back = await team('<useDefault>true</useDefault><layoutxml>not a layout</layoutxml>');
    assert.equal(back.status, 200);
    assert.equal(xml(await back.text()).getChildText('useDefault'), 'true');
    assert.equal(
      await layoutxml(await send('GET', '/User/2001/LayoutConfig', undefined, ['2001', '2001'])),
      layout('Mine'),
    );
    const invalid = await team(
      `<useDefault>false</useDefault><layoutxml>${escapeText('<finesseLayout/>')}</layoutxml>`,
    );
    assert.equal(invalid.status, 400);
    assert.equal((await send('GET', '/Team/9999/LayoutConfig')).status, 404);
    assert.deepEqual(changes.at(-1), { kind: 'layoutConfig', op: 'update', id: '5000' });
  });
});
