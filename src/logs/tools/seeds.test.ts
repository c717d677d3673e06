import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { skipUnlessPeer } from '../../../test/support/peers.ts';
import { agentIdIn, apiRequestId, ctiMessageName, invokeIdOf, nocacheOf, payloadRequestId } from './keys.ts';
import { parseLine, type WebservicesLine } from './parse.ts';

function ws(line: string): WebservicesLine {
  const r = parseLine('webservices', line);
  assert.ok(r && r.source === 'webservices', line);
  return r;
}

/** The seed's code blocks, wrapped lines joined, cut into one piece per `%CCBU_` record. */
function seedRecords(text: string): WebservicesLine[] {
  const out: WebservicesLine[] = [];
  for (const [, block] of text.matchAll(/```[^\n]*\n([\s\S]*?)```/g)) {
    for (const piece of block.replace(/\n/g, '').split(/(?=%CCBU_)/)) {
      const r = piece.startsWith('%CCBU_') ? parseLine('webservices', piece) : undefined;
      if (r?.source === 'webservices') out.push(r);
    }
  }
  return out;
}

/**
 * The seed documents sit in `shared/seeds` beside the checkout (CI clones next to `shared/`); a
 * worktree is a folder or two deeper, so each folder above the checkout is tried.
 */
function findSeeds(): string | undefined {
  for (let dir = path.resolve(import.meta.dirname, '../../..'); ; dir = path.dirname(dir)) {
    const seeds = path.join(path.dirname(dir), 'shared', 'seeds');
    if (fs.existsSync(path.join(seeds, '000_24c5e669c89a1f66.txt'))) return seeds;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const seeds = findSeeds();
const skip = skipUnlessPeer(
  'seeds',
  seeds ? undefined : 'the seed documents (shared/seeds beside the checkout) are missing',
);

describe('the seed documents', { skip }, () => {
  const first = path.join(seeds ?? '', '000_24c5e669c89a1f66.txt');
  const second = path.join(seeds ?? '', '003_b291f648a4d8a18d.txt');

  it('parse the webservices lines of the login trace', () => {
    const recs = seedRecords(fs.readFileSync(first, 'utf8'));
    assert.deepEqual(
      recs.map((r) => r.mnemonic),
      [
        'REQUEST_START',
        'API_REQUEST',
        'REGISTER_API_STATS_OBJECT',
        'REQUEST_END',
        'PRESENCE_NOTIFICATION_RECIEVED',
        'REQUEST_START',
        'API_REQUEST',
        'API_REQUEST',
        'REGISTER_API_STATS_OBJECT',
        'REQUEST_END',
        'MESSAGE_TO_CTI_SERVER',
        'DECODED_MESSAGE_FROM_CTI_SERVER',
        'XMPP_PUBLISH_ASYNCHRONOUS',
      ],
    );
    assert.ok(recs.every((r) => r.time === undefined));
    const [sysStart, , , sysEnd, presence, userStart, , put, , , toCti, event, publish] = recs;
    assert.deepEqual(
      [sysStart.thread, nocacheOf(sysStart.fields.parameter_name), sysStart.fields.resource_name],
      ['http-8080-7', '1366756802163', '/SystemInfo'],
    );
    assert.equal(sysEnd.fields.elapsed_time, '98');
    assert.deepEqual(
      [presence.thread, presence.fields['FROM JID'], presence.fields.PRESENCE_TYPE],
      ['Smack Listener Processor (1)', '2001@uccefinessse138.vmlod.cvp/desktop', 'available'],
    );
    assert.deepEqual(
      [nocacheOf(userStart.fields.parameter_name), userStart.fields.usr],
      ['1366756805180', '2001'],
    );
    assert.equal(apiRequestId(put), '6e210ca9-5786-43bc-babf-64a397a6057f');
    assert.deepEqual(
      [
        toCti.fields.cti_message_name,
        invokeIdOf(toCti.fields.cti_message),
        agentIdIn(toCti.fields.cti_message),
      ],
      ['SetAgentStateReq', 20, '2001'],
    );
    assert.deepEqual(
      [
        ctiMessageName(event.fields.cti_message),
        agentIdIn(event.fields.cti_message),
        event.fields.cti_response_time,
      ],
      ['AgentStateEvent', '2001', '1'],
    );
    assert.deepEqual(
      [publish.fields.NodeId, payloadRequestId(publish.fields.Payload)],
      ['/finesse/api/User/2001', '6e210ca9-5786-43bc-babf-64a397a6057f'],
    );
  });

  it('parse the presence and session lines of the BOSH technote', () => {
    const lines = fs.readFileSync(second, 'utf8').split('\n');
    const ccbu = lines.filter((l) => /^\d{10}: /.test(l)).map(ws);
    assert.equal(ccbu.length, 7);
    assert.ok(ccbu.every((r) => r.time !== undefined && r.node === 'XX.XX.XX.XXX'));
    assert.equal(ccbu[4].mnemonic, 'PRESENCE DRIVEN LOGOUT');
    assert.equal(ccbu[4].time, Date.UTC(2017, 5, 16, 18, 47, 4, 632));
    const events = lines.filter((l) => /^2017\.\d\d\.\d\d /.test(l)).map((l) => parseLine('notify-debug', l));
    const kinds = new Set(events.map((e) => (e?.source === 'notify-debug' ? e.event.kind : undefined)));
    for (const k of ['bosh-recv', 'last-active', 'idle-close', 'session-closed', 'store-offline'])
      assert.ok(kinds.has(k as never), k);
  });
});
