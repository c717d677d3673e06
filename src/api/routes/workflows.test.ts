import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeOnEachStore } from '../testing/each-store.ts';
import { apiErrorOf, xml } from '../testing/xml.ts';

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

describeOnEachStore('Workflow and WorkflowAction APIs', ({ send, changes }) => {
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
});
