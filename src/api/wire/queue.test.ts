import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Queue, UNKNOWN_STATISTICS } from '../../core/index.ts';
import { renderQueue, renderQueues, renderUpdate } from './index.ts';

const unknown: Queue = { id: '85882', name: 'Support', statistics: UNKNOWN_STATISTICS };
const STATS_UNKNOWN =
  '<statistics><callsInQueue>-1</callsInQueue><startTimeOfLongestCallInQueue></startTimeOfLongestCallInQueue>' +
  '<agentsReady>-1</agentsReady><agentsNotReady>-1</agentsNotReady><agentsBusyOther>-1</agentsBusyOther>' +
  '<agentsLoggedOn>-1</agentsLoggedOn><agentsTalkingInbound>-1</agentsTalkingInbound>' +
  '<agentsTalkingOutbound>-1</agentsTalkingOutbound><agentsTalkingInternal>-1</agentsTalkingInternal>' +
  '<agentsWrapUpNotReady>-1</agentsWrapUpNotReady><agentsWrapUpReady>-1</agentsWrapUpReady></statistics>';
const QUEUE = `<Queue><uri>/finesse/api/Queue/85882</uri><name>Support</name>${STATS_UNKNOWN}</Queue>`;

test('a Queue not polled yet: the spec element order, -1 counts, an empty start time', () => {
  assert.equal(renderQueue(unknown), QUEUE);
  assert.equal(renderQueues([unknown]), `<Queues>${QUEUE}</Queues>`);
});

test('the Queue node Update carries the same <Queue> as GET Queue/{id}', () => {
  const source = '/finesse/api/Queue/85882';
  assert.equal(
    renderUpdate({ data: { kind: 'queue', queue: unknown }, event: 'PUT', requestId: '', source }),
    `<Update><data>${QUEUE}</data><event>PUT</event><requestId></requestId><source>${source}</source></Update>`,
  );
});
