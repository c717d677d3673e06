/**
 * `json: true` logs (for log shippers) hold the same facts as the plain shapes: the same scenario
 * written both ways must trace and diagnose alike.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createScenario,
  DAY,
  deliver,
  jidOf,
  publish,
  restRequest,
  type Scenario,
  setAgentState,
} from './fixtures.ts';
import { answerCall, type Call, dialogRequest, routeCall } from './fixtures-call.ts';
import { agentPresent, boshPoll, boshSignIn, idleClose, presenceLogout } from './fixtures-presence.ts';
import { diagnose, formatTrace, type TraceResult, trace } from './index.ts';

const RID = '7a1d0c55-1c0e-4a7e-8f0e-0000000000j1';
const ANSWER = '7a1d0c55-1c0e-4a7e-8f0e-0000000000j2';
const CALL: Call = { callId: 16777500, agent: '2001', ext: '2003' };
const MIN = 60_000;

function write(s: Scenario): void {
  boshSignIn(s, '2001', 'f382a015');
  boshSignIn(s, '2002', 'a1b2c3d4');
  boshSignIn(s, '2004', 'b5c6d7e8');
  s.step(500);
  restRequest(s, { agent: '2001', method: 'GET', resource: '/User/2001', nocache: '1366756805180' });
  restRequest(s, {
    agent: '2001',
    method: 'PUT',
    resource: '/User/2001',
    requestId: RID,
    params: ' extension:2003 state:LOGIN',
  });
  setAgentState(s, '2001', '2003', 20, 0);
  publish(s, '2001', 'NOT_READY', RID);
  deliver(s, '2001', 'f382a015', 'NOT_READY', RID);
  s.step(1000);
  routeCall(s, CALL, 'f382a015');
  s.step(2000);
  dialogRequest(s, CALL, answerCall(ANSWER, { sid: 'f382a015' }));
  // Two desktops drop at different times; 2002 never comes back and is logged out (255).
  s.at(DAY + 10 * MIN);
  boshPoll(s, 'b5c6d7e8', 2001);
  idleClose(s, '2002', 'a1b2c3d4');
  s.step(MIN);
  presenceLogout(s, '2002', '2004', 32);
  s.at(DAY + 25 * MIN);
  idleClose(s, '2004', 'b5c6d7e8');
  s.step(20_000);
  agentPresent(s, '2004', 'b5c6d7e9');
  s.logs.notifyInfo.write(`A session is closed for ${jidOf('2001')}`);
}

const shape = (r: TraceResult) => ({
  kind: r.kind,
  agentId: r.agentId,
  brokenAt: r.brokenAt,
  missing: r.missing,
  hops: r.hops.map((h) => [h.step, h.source, h.time, h.summary]),
});

describe('JSON-lines logs', () => {
  let plain: string;
  let json: string;
  before(async () => {
    plain = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-plain-'));
    json = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-json-'));
    for (const [dir, isJson] of [
      [plain, false],
      [json, true],
    ] as const) {
      const s = createScenario(dir, DAY, true, isJson);
      write(s);
      await s.flush();
    }
  });
  after(() => {
    fs.rmSync(plain, { recursive: true, force: true });
    fs.rmSync(json, { recursive: true, force: true });
  });

  it('are JSON objects, one a line, in every server log', () => {
    for (const sub of ['webservices', 'openfire', 'tomcat', 'cti', 'cti-server']) {
      for (const f of fs.readdirSync(path.join(json, sub))) {
        const lines = fs
          .readFileSync(path.join(json, sub, f), 'utf8')
          .trim()
          .split('\n');
        for (const l of lines) {
          const o = JSON.parse(l) as { time?: string };
          assert.equal(typeof o.time, 'string', `${sub}/${f}: ${l}`);
          assert.ok(!Number.isNaN(Date.parse(o.time ?? '')), l);
        }
      }
    }
    const info = fs.readFileSync(path.join(json, 'openfire', 'info.log'), 'utf8').split('\n')[0];
    assert.deepEqual(Object.keys(JSON.parse(info)), ['time', 'log', 'text']);
  });

  for (const id of [RID, ANSWER, '1366756805180', String(CALL.callId), '2002']) {
    it(`trace ${id} reads the same hops from both`, async () => {
      const a = await trace(plain, id);
      const b = await trace(json, id);
      assert.ok(a.hops.length > 1, formatTrace(a));
      assert.deepEqual(shape(b), shape(a), `${formatTrace(a)}\n---\n${formatTrace(b)}`);
    });
  }

  it('diagnose reaches the same verdict from both', async () => {
    const a = await diagnose(plain);
    const b = await diagnose(json);
    assert.equal(a.classification, 'client');
    assert.equal(b.classification, a.classification);
    const who = (d: typeof a) => d.disconnects.map((x) => [x.agentId, x.start, x.loggedOutByPresence]);
    assert.deepEqual(who(b), who(a));
    assert.deepEqual(
      b.presenceLogouts.map((l) => [l.agentId, l.reasonCode]),
      a.presenceLogouts.map((l) => [l.agentId, l.reasonCode]),
    );
  });
});
