import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UNKNOWN_STATISTICS } from '../../core/index.ts';
import { shape, xml } from '../testing/xml.ts';
import { renderLockedOutUsers } from './config.ts';
import { renderUpdate } from './update.ts';

/** Finesse's documented samples, re-typed: the TeamMessage object (developer guide "TeamMessage"). */
const TEAM_MESSAGE_SAMPLE = `<TeamMessage>
  <uri>/finesse/api/TeamMessage/be1598bb-bb2a-4dfc-8c01-91ec10b029af</uri>
  <id>be1598bb-bb2a-4dfc-8c01-91ec10b029af</id>
  <createdBy><id>1001050</id><firstName>AGENT</firstName><lastName>1001050</lastName></createdBy>
  <createdAt>1537418173</createdAt>
  <duration>100</duration>
  <content>content 4</content>
  <teams><team>5052</team><team>5000</team></teams>
</TeamMessage>`;

/** The User/Queues notification's POST payload (developer guide "User/Queue Notification"). */
const USER_QUEUES_SAMPLE = `<Queues><Queue>
  <uri>/finesse/api/Queue/85882</uri><name>Support</name>
  <statistics><callsInQueue>-1</callsInQueue><startTimeOfLongestCallInQueue></startTimeOfLongestCallInQueue>
  <agentsReady>-1</agentsReady><agentsNotReady>-1</agentsNotReady><agentsBusyOther>-1</agentsBusyOther>
  <agentsLoggedOn>-1</agentsLoggedOn><agentsTalkingInbound>-1</agentsTalkingInbound>
  <agentsTalkingOutbound>-1</agentsTalkingOutbound><agentsTalkingInternal>-1</agentsTalkingInternal>
  <agentsWrapUpNotReady>-1</agentsWrapUpNotReady><agentsWrapUpReady>-1</agentsWrapUpReady></statistics>
</Queue></Queues>`;

describe('notification payloads of configuration changes', () => {
  it('a TeamMessage POST carries the message as the TeamMessage object sample shows it', () => {
    const update = xml(
      renderUpdate({
        data: {
          kind: 'teamMessage',
          message: {
            id: 'be1598bb-bb2a-4dfc-8c01-91ec10b029af',
            createdBy: { id: '1001050', firstName: 'AGENT', lastName: '1001050' },
            createdAt: 1537418173,
            duration: 100,
            content: 'content 4',
            teamIds: ['5052', '5000'],
          },
        },
        event: 'POST',
        requestId: '',
        source: '/finesse/api/TeamMessage/be1598bb-bb2a-4dfc-8c01-91ec10b029af',
      }),
    );
    assert.deepEqual(
      update.elements().map((e) => e.name),
      ['data', 'event', 'requestId', 'source'],
    );
    assert.deepEqual(shape(update.getChild('data')!.elements()[0]), shape(xml(TEAM_MESSAGE_SAMPLE)));
    assert.equal(update.getChildText('event'), 'POST');
  });

  it('a TeamMessage DELETE names the message by uri and id', () => {
    const update = xml(
      renderUpdate({
        data: { kind: 'teamMessageDeleted', id: 'abc' },
        event: 'DELETE',
        requestId: '',
        source: '/finesse/api/TeamMessage/abc',
      }),
    );
    assert.deepEqual(shape(update.getChild('data')!.elements()[0]), [
      'TeamMessage',
      [
        ['uri', '/finesse/api/TeamMessage/abc'],
        ['id', 'abc'],
      ],
    ]);
  });

  it('a User/Queues POST carries Queues with each Queue as GET Queue shows it', () => {
    const update = xml(
      renderUpdate({
        data: { kind: 'queues', queues: [{ id: '85882', name: 'Support', statistics: UNKNOWN_STATISTICS }] },
        event: 'POST',
        requestId: '',
        source: '/finesse/api/User/2004/Queues',
      }),
    );
    assert.deepEqual(shape(update.getChild('data')!.elements()[0]), shape(xml(USER_QUEUES_SAMPLE)));
    assert.equal(update.getChildText('source'), '/finesse/api/User/2004/Queues');
  });

  it('LockedOutUsers lists each account with the end of its lock and the addresses it is locked for', () => {
    const body = renderLockedOutUsers([
      {
        id: '2001',
        loginName: 'mmouse',
        firstName: 'Mickey',
        lastName: 'Mouse',
        lockedUntil: Date.UTC(2026, 10, 22, 10, 5),
        isLockedEverywhere: false,
        addresses: ['10.1.2.3', '2001:db8:0:1::/64'],
      },
    ]);
    assert.deepEqual(shape(xml(body)), [
      'LockedOutUsers',
      [
        [
          'LockedOutUser',
          [
            ['uri', '/finesse/api/User/2001'],
            ['loginId', '2001'],
            ['loginName', 'mmouse'],
            ['firstName', 'Mickey'],
            ['lastName', 'Mouse'],
            ['lockedUntil', '2026-11-22T10:05:00.000Z'],
            [
              'lockedFrom',
              [
                ['address', '10.1.2.3'],
                ['address', '2001:db8:0:1::/64'],
              ],
            ],
          ],
        ],
      ],
    ]);
  });
});
