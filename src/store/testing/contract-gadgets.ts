import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ConfigStore } from '../config-types.ts';
import type { NewWorkflow, NewWorkflowAction } from '../workflow-types.ts';
import { watchChanges } from './contract-config.ts';
import { refused } from './contract-people.ts';

/** `${name}`: Finesse's variable syntax in workflow action params. */
export const ref = (name: string) => ['$', '{', name, '}'].join('');

export const popAction: NewWorkflowAction = {
  name: 'Pop the CRM',
  type: 'BROWSER_POP',
  handledBy: 'OTHER',
  params: [
    { name: 'path', value: `https://crm.example.com/find?ani=${ref('ani')}` },
    { name: 'windowName', value: 'crm' },
  ],
  actionVariables: [{ name: 'ani', node: '//Dialog/fromAddress', type: 'CUSTOM', testValue: '5551234' }],
};

export const ringWorkflow = (actionIds: number[]): NewWorkflow => ({
  name: 'Ring pop',
  description: 'Pops the CRM when the phone rings',
  media: '1',
  triggerSet: { type: 'SYSTEM', name: 'CALL_ARRIVES', triggers: [] },
  conditionSet: {
    applyMethod: 'ALL',
    conditions: [
      {
        variable: { name: 'callVariable1', node: '', type: 'SYSTEM' },
        comparator: 'IS_NOT_EMPTY',
        value: '',
      },
    ],
  },
  actionIds,
});

/** Desktop layouts and workflows: stored whole, validated, assigned to teams, announced. */
export function gadgetsContract(store: () => ConfigStore) {
  it('keeps the default and the teams desktop layouts, and announces each change', async () => {
    const s = store();
    const changes = watchChanges(s);
    assert.equal(await s.getDefaultDesktopLayout(), undefined);
    assert.ok((await s.putDefaultDesktopLayout('<finesseLayout>default</finesseLayout>')).ok);
    assert.equal(await s.getDefaultDesktopLayout(), '<finesseLayout>default</finesseLayout>');
    assert.ok((await s.putTeamDesktopLayout('5000', '<finesseLayout>team</finesseLayout>')).ok);
    assert.equal(await s.getTeamDesktopLayout('5000'), '<finesseLayout>team</finesseLayout>');
    assert.equal(await s.getTeamDesktopLayout('5001'), undefined);
    refused(await s.putTeamDesktopLayout('nope', '<x/>'), 'not-found');
    assert.ok((await s.putTeamDesktopLayout('5000', undefined)).ok);
    assert.equal(await s.getTeamDesktopLayout('5000'), undefined);
    await changes.expectInOrder([
      { kind: 'layoutConfig', op: 'update', id: 'default', isLocal: true },
      { kind: 'layoutConfig', op: 'update', id: '5000', isLocal: true },
      { kind: 'layoutConfig', op: 'update', id: '5000', isLocal: true },
    ]);
  });

  it('stores workflow actions and workflows with their order, refuses what Finesse refuses', async () => {
    const s = store();
    const action = await s.createWorkflowAction(popAction);
    assert.ok(action.ok);
    assert.deepEqual(await s.getWorkflowAction(action.value.id), action.value);
    refused(await s.createWorkflowAction(popAction), 'conflict');
    refused(
      await s.createWorkflowAction({
        ...popAction,
        name: 'Bad ref',
        params: [{ name: 'path', value: `x${ref('nope')}` }],
      }),
      'invalid',
    );
    refused(await s.createWorkflowAction({ ...popAction, name: 'No path', params: [] }), 'missing');
    const second = await s.createWorkflowAction({
      name: 'Log it',
      type: 'HTTP_REQUEST',
      handledBy: 'FINESSE_DESKTOP',
      params: [
        { name: 'path', value: 'http://log.example.com/calls' },
        { name: 'method', value: 'POST' },
        { name: 'location', value: 'OTHER' },
        { name: 'body', value: `<call>\\${ref('literal')}</call>` },
      ],
      actionVariables: [],
    });
    assert.ok(second.ok, JSON.stringify(second));
    const flow = await s.createWorkflow(ringWorkflow([second.value.id, action.value.id]));
    assert.ok(flow.ok, JSON.stringify(flow));
    assert.deepEqual(flow.value.actionIds, [second.value.id, action.value.id]);
    refused(await s.createWorkflow(ringWorkflow([])), 'conflict');
    refused(
      await s.createWorkflow({
        ...ringWorkflow([]),
        name: 'T',
        triggerSet: { type: 'SYSTEM', name: 'NEVER', triggers: [] },
      }),
      'invalid',
    );
    refused(await s.createWorkflow({ ...ringWorkflow([999]), name: 'Dangling' }), 'invalid');
    const six = Array.from({ length: 6 }, () => ringWorkflow([]).conditionSet.conditions[0]);
    refused(
      await s.createWorkflow({
        ...ringWorkflow([]),
        name: 'Six',
        conditionSet: { applyMethod: 'ANY', conditions: six },
      }),
      'limit',
    );
    const renamed = await s.updateWorkflow(flow.value.id, { description: 'Only the description' });
    assert.ok(renamed.ok);
    assert.equal(renamed.value.name, 'Ring pop');
    // Deleting an action takes it out of the workflows that ran it.
    assert.ok((await s.deleteWorkflowAction(second.value.id)).ok);
    assert.deepEqual((await s.getWorkflow(flow.value.id))?.actionIds, [action.value.id]);
  });

  it('assigns workflows to teams in order, within 20, and forgets deleted ones', async () => {
    const s = store();
    const a = await s.createWorkflow({ ...ringWorkflow([]), name: 'Team A' });
    const b = await s.createWorkflow({ ...ringWorkflow([]), name: 'Team B' });
    assert.ok(a.ok && b.ok);
    assert.ok((await s.setTeamWorkflows('5000', [b.value.id, a.value.id])).ok);
    assert.deepEqual(
      (await s.listTeamWorkflows('5000')).map((w) => w.name),
      ['Team B', 'Team A'],
    );
    refused(await s.setTeamWorkflows('5000', [a.value.id, a.value.id]), 'invalid');
    refused(await s.setTeamWorkflows('5000', [123456]), 'invalid');
    refused(
      await s.setTeamWorkflows(
        '5000',
        Array.from({ length: 21 }, (_, i) => i + 1),
      ),
      'limit',
    );
    assert.ok((await s.deleteWorkflow(b.value.id)).ok);
    assert.deepEqual(
      (await s.listTeamWorkflows('5000')).map((w) => w.name),
      ['Team A'],
    );
  });
}
