import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_LAYOUT_XML } from '../../gadgets/index.ts';
import { escapeText } from '../../xml/index.ts';
import { describeOnEachStore, type StoreSuite } from '../testing/each-store.ts';
import { apiErrorOf, xml } from '../testing/xml.ts';

/**
 * The gadget platform's configuration APIs — the desktop layout (LayoutConfig) and workflows —
 * on SQLite and PostgreSQL, one fixture per store for both (a PostgreSQL start is the slow part).
 */
const ADMIN: [string, string] = ['admin', 'admin'];
const NS = 'http://www.cisco.com/vtg/finesse';
/** A small valid layout with one tab and a gadget URL whose query needs `&amp;`. */
const layout = (label: string) =>
  `<finesseLayout xmlns="${NS}"><version>1250.03</version><layout><role>Agent</role><tabs><tab><id>home</id><label>${label}</label><gadgets><gadget id="crm">/3rdpartygadget/files/CRM/crm.xml?a=1&amp;b=2</gadget></gadgets></tab></tabs></layout></finesseLayout>`;

const dollar = (name: string) => ['$', '{', name, '}'].join('');

const ACTION = `<WorkflowAction><name>Pop CRM</name><type>BROWSER_POP</type><handledBy>OTHER</handledBy>
  <params><Param><name>path</name><value>https://crm.example.com/?ani=${dollar('ani')}</value></Param>
  <Param><name>windowName</name><value>crm</value></Param></params>
  <actionVariables><ActionVariable><name>ani</name><node>//Dialog/fromAddress</node><type>CUSTOM</type><testValue>555</testValue></ActionVariable></actionVariables>
</WorkflowAction>`;
const workflow = (
  name: string,
  actionUri: string,
) => `<Workflow><name>${name}</name><description>Ring pop</description>
  <TriggerSet><type>SYSTEM</type><name>CALL_ARRIVES</name></TriggerSet>
  <ConditionSet><applyMethod>ANY</applyMethod><conditions><Condition><Variable><name>callVariable1</name><type>SYSTEM</type></Variable><comparator>IS_NOT_EMPTY</comparator><value></value></Condition></conditions></ConditionSet>
  <workflowActions><WorkflowAction><uri>${actionUri}</uri></WorkflowAction></workflowActions></Workflow>`;

describeOnEachStore('desktop layout and workflow APIs', (suite) => {
  layoutConfigCases(suite);
  workflowCases(suite);
});

function layoutConfigCases({ send, changes }: StoreSuite) {
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
}

function workflowCases({ send, changes }: StoreSuite) {
  /** A config create: 200, an empty body and the Location the object is read from (developer guide 12.5). */
  const created = async (res: Response) => {
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(await res.text(), '');
    return send('GET', res.headers.get('location')!.replace('/finesse/api', ''));
  };

  it('creates, reads, updates and deletes workflow actions and workflows in Finesse shapes', async () => {
    const a = await send('POST', '/WorkflowAction', ACTION);
    const actionUri = a.headers.get('location')!;
    assert.match(actionUri, /^\/finesse\/api\/WorkflowAction\/\d+$/);
    const action = xml(await (await created(a)).text());
    assert.deepEqual(
      action.elements().map((e) => e.name),
      ['uri', 'name', 'type', 'handledBy', 'params', 'actionVariables'],
    );
    assert.equal(
      action.getChild('params')?.getChildren('Param')[0].getChildText('value'),
      `https://crm.example.com/?ani=${dollar('ani')}`,
    );

    const w = await created(await send('POST', '/Workflow', workflow('Ring pop', actionUri)));
    const flow = xml(await w.text());
    const uri = flow.getChildText('uri')!;
    assert.equal(flow.getChild('TriggerSet')?.getChildText('name'), 'CALL_ARRIVES');
    // The system trigger set's triggers and the SYSTEM variable's node are filled in.
    assert.ok((flow.getChild('TriggerSet')?.getChild('triggers')?.getChildren('Trigger').length ?? 0) > 0);
    const cond = flow.getChild('ConditionSet')?.getChild('conditions')?.getChild('Condition');
    assert.match(cond?.getChild('Variable')?.getChildText('node') ?? '', /callVariable1/);
    const summary = flow.getChild('workflowActions')?.getChild('WorkflowAction');
    assert.deepEqual(
      summary?.elements().map((e) => e.name),
      ['uri', 'name', 'type', 'handledBy'],
    );

    const dup = await send('POST', '/Workflow', workflow('Ring pop', actionUri));
    assert.deepEqual(await apiErrorOf(dup), ['Finesse API Error', 'DUPLICATE_VALUE', 'name']);
    const upd = await send(
      'PUT',
      uri.replace('/finesse/api', ''),
      '<Workflow><description>New description</description></Workflow>',
    );
    assert.equal(upd.status, 200);
    assert.equal(xml(await upd.text()).getChildText('name'), 'Ring pop');
    const empty = await send('PUT', uri.replace('/finesse/api', ''), '<Workflow></Workflow>');
    assert.equal(empty.status, 400);
    assert.equal(xml(await (await send('GET', '/Workflows')).text()).getChildren('Workflow').length, 1);
    assert.equal((await send('GET', '/Workflows', undefined, ['2001', '2001'])).status, 401);
    assert.deepEqual(changes.at(-1), { kind: 'workflow', op: 'update', id: uri.split('/').pop() });
  });

  it('refuses what Finesse refuses: unknown trigger set, comparator, param, variable', async () => {
    const bad = [
      workflow('T1', '/finesse/api/WorkflowAction/1').replace('CALL_ARRIVES', 'SOMETIMES'),
      workflow('T2', '/finesse/api/WorkflowAction/1').replace('IS_NOT_EMPTY', 'LOOKS_LIKE'),
      workflow('T3', '/finesse/api/WorkflowAction/424242'),
    ];
    for (const body of bad) assert.equal((await send('POST', '/Workflow', body)).status, 400, body);
    const noPath = ACTION.replace('<name>path</name>', '<name>url</name>').replace('Pop CRM', 'Other');
    assert.equal((await send('POST', '/WorkflowAction', noPath)).status, 400);
    const unknownVar = ACTION.replace(`ani=${dollar('ani')}`, `ani=${dollar('nobody')}`).replace(
      'Pop CRM',
      'Other',
    );
    const r = await send('POST', '/WorkflowAction', unknownVar);
    assert.equal(r.status, 400);
    assert.equal((await apiErrorOf(r))[2], 'path');
  });

  it('assigns workflows to a team and gives a user its team workflows with the actions in full', async () => {
    const list = xml(await (await send('GET', '/Workflows')).text()).getChildren('Workflow');
    const refs = list.map((w) => `<Workflow><uri>${w.getChildText('uri')}</uri></Workflow>`).join('');
    const put = await send('PUT', '/Team/5000/Workflows', `<Workflows>${refs}</Workflows>`);
    assert.equal(put.status, 200);
    assert.equal(xml(await put.text()).getChildren('Workflow').length, 1);
    assert.equal((await send('GET', '/Team/5000/Workflows', undefined, ['2010', '2010'])).status, 200);
    assert.equal((await send('GET', '/Team/5000/Workflows', undefined, ['2001', '2001'])).status, 401);
    const mine = xml(await (await send('GET', '/User/2001/Workflows', undefined, ['2001', '2001'])).text());
    const action = mine.getChild('Workflow')?.getChild('workflowActions')?.getChild('WorkflowAction');
    assert.equal(action?.getChild('params')?.getChildren('Param').length, 2);
    assert.equal(action?.getChildText('handledBy'), 'OTHER');
    const resource = xml(
      await (await send('GET', '/TeamResource/5000/Workflows', undefined, ['2001', '2001'])).text(),
    );
    assert.equal(resource.getChildren('Workflow').length, 1);
    assert.equal(
      (await send('GET', '/TeamResource/5000/Workflows', undefined, ['2004', '2004'])).status,
      401,
    );
    const donald = xml(await (await send('GET', '/User/2004/Workflows', undefined, ['2004', '2004'])).text());
    assert.equal(donald.getChildren('Workflow').length, 0);
    assert.equal((await send('GET', '/User/2004/Workflows', undefined, ['2001', '2001'])).status, 401);
    assert.equal(
      (
        await send(
          'PUT',
          '/Team/5000/Workflows',
          '<Workflows><Workflow><uri>/x/y</uri></Workflow></Workflows>',
        )
      ).status,
      400,
    );
  });
}
