import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../app/testing/run-cli.ts';
import { createScenario, deliver, publish, restRequest, setAgentState } from './fixtures.ts';
import { routeCall } from './fixtures-call.ts';
import { boshSignIn, idleClose } from './fixtures-presence.ts';

const RID = '11111111-2222-4333-8444-555555555555';

async function run(...args: string[]): Promise<{ code: number; text: string }> {
  const { code, text } = await runCli(args);
  return { code, text };
}

describe('switchboard trace, diagnose and logs collect', () => {
  let work: string;
  let dir: string;
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cli-'));
    dir = path.join(work, 'logs');
    const s = createScenario(dir);
    boshSignIn(s, '2001', 'ab12');
    restRequest(s, {
      agent: '2001',
      method: 'PUT',
      resource: '/User/2001',
      requestId: RID,
      params: ' state:LOGIN',
    });
    setAgentState(s, '2001', '2003', 20, 0);
    publish(s, '2001', 'NOT_READY', RID);
    deliver(s, '2001', 'ab12', 'NOT_READY', RID);
    s.step(5000);
    routeCall(s, { callId: 16777217, agent: '2001', ext: '2003' }, 'ab12');
    s.step(120_000);
    idleClose(s, '2001', 'ab12');
    await s.flush();
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('trace prints the timeline and exits 0 for a complete chain, 1 for an unknown id', async () => {
    const ok = await run('trace', RID, '--log-dir', dir);
    assert.equal(ok.code, 0, ok.text);
    assert.match(ok.text, /AGENT_STATE_EVENT +from CTI: AgentStateEvent agent 2001 state NOT_READY/);
    const json = await run('trace', RID, `--log-dir=${dir}`, '--json');
    assert.equal(JSON.parse(json.text).kind, 'requestId');
    const unknown = await run('trace', 'no-such-id', '--log-dir', dir);
    assert.equal(unknown.code, 1);
    assert.match(unknown.text, /BROKEN: no request, nocache, agent or dialog/);
  });

  it('trace <dialog id> prints the call from the CTI server to the desktop', async () => {
    const call = await run('trace', '16777217', '--log-dir', dir);
    assert.equal(call.code, 0, call.text);
    assert.match(call.text, /^trace 16777217 — call \(dialog id\), agent 2001/);
    assert.match(call.text, /CALL_EVENT +from CTI: CallDeliveredEvent call 16777217/);
    assert.match(call.text, /BOSH sent +sent \/finesse\/api\/User\/2001\/Dialogs to 2001@/);
    assert.match(call.text, /complete: every hop is in the logs/);
  });

  it('diagnose prints the verdict and the checks; --json gives the result', async () => {
    const r = await run(
      'diagnose',
      '--log-dir',
      dir,
      '--from',
      '2026-11-22T09:00',
      '--to',
      '2026-11-22T12:00',
    );
    assert.equal(r.code, 0);
    assert.match(r.text, /CLIENT side/);
    const json = JSON.parse((await run('diagnose', '--log-dir', dir, '--json')).text);
    assert.equal(json.disconnects[0].agentId, '2001');
  });

  it('logs collect writes the archive where --out says', async () => {
    const out = path.join(work, 'out', 'x.tar.gz');
    const r = await run('logs', 'collect', '--log-dir', dir, '--out', out);
    assert.equal(r.code, 0, r.text);
    assert.match(r.text, /x\.tar\.gz: \d+ log files/);
    assert.ok(fs.statSync(out).size > 0);
  });

  it('answers usage errors with exit code 2 and a missing log directory with 1', async () => {
    assert.equal((await run('trace', '--log-dir', dir)).code, 2);
    assert.equal((await run('diagnose', '--from', 'yesterday', '--log-dir', dir)).code, 2);
    assert.equal((await run('diagnose', '--frm', 'x')).code, 2);
    assert.equal((await run('frobnicate', '--log-dir', dir)).code, 2);
    const missing = await run('diagnose', '--log-dir', path.join(work, 'nope'));
    assert.equal(missing.code, 1);
    assert.match(missing.text, /no log directory/);
    assert.match((await run('trace', '--help')).text, /switchboard trace <requestId/);
  });
});
