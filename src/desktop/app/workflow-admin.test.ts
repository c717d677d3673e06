import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPARATORS as STORE_COMPARATORS, TRIGGER_SETS } from '../../store/index.ts';
import { actionBody, COMPARATORS, TRIGGERS, workflowBody } from './workflow-admin.ts';

describe('workflow forms and the Workflow API', () => {
  it('builds a WorkflowAction body from the form lines', () => {
    assert.equal(
      actionBody({
        name: 'Pop',
        type: 'BROWSER_POP',
        handledBy: 'OTHER',
        params: 'path=https://crm/?q=a=b&c\n\nwindowName = crm',
        variables: 'ani | //Dialog/fromAddress | CUSTOM | 555',
      }),
      '<WorkflowAction><name>Pop</name><type>BROWSER_POP</type><handledBy>OTHER</handledBy>' +
        '<params><Param><name>path</name><value>https://crm/?q=a=b&amp;c</value></Param><Param><name>windowName</name><value>crm</value></Param></params>' +
        '<actionVariables><ActionVariable><name>ani</name><node>//Dialog/fromAddress</node><type>CUSTOM</type><testValue>555</testValue></ActionVariable></actionVariables></WorkflowAction>',
    );
  });

  it('builds a Workflow body: SYSTEM conditions without a node, CUSTOM ones with it, actions by uri', () => {
    assert.equal(
      workflowBody({
        name: 'Ring',
        description: '',
        trigger: 'CALL_ANSWERED',
        applyMethod: 'ANY',
        conditions:
          'callVariable1 | IS_NOT_EMPTY |\nqueue | IS_EQUAL | Sales | //Dialog/mediaProperties/queueName',
        actions: '3,1',
      }),
      '<Workflow><name>Ring</name><description></description><TriggerSet><type>SYSTEM</type><name>CALL_ANSWERED</name></TriggerSet>' +
        '<ConditionSet><applyMethod>ANY</applyMethod><conditions>' +
        '<Condition><Variable><name>callVariable1</name><node></node><type>SYSTEM</type></Variable><comparator>IS_NOT_EMPTY</comparator><value></value></Condition>' +
        '<Condition><Variable><name>queue</name><node>//Dialog/mediaProperties/queueName</node><type>CUSTOM</type></Variable><comparator>IS_EQUAL</comparator><value>Sales</value></Condition>' +
        '</conditions></ConditionSet><workflowActions><WorkflowAction><uri>/finesse/api/WorkflowAction/3</uri></WorkflowAction>' +
        '<WorkflowAction><uri>/finesse/api/WorkflowAction/1</uri></WorkflowAction></workflowActions></Workflow>',
    );
  });

  it("offers the server's trigger sets and comparators (the browser cannot import the store's list)", () => {
    assert.deepEqual(TRIGGERS, Object.keys(TRIGGER_SETS));
    assert.deepEqual(COMPARATORS, [...STORE_COMPARATORS]);
  });
});
