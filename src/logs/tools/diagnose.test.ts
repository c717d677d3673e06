import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createScenario, DAY, jidOf, type Scenario } from './fixtures.ts';
import {
  agentPresent,
  boshPoll,
  boshSignIn,
  idleClose,
  presence,
  presenceLogout,
  unavailable,
} from './fixtures-presence.ts';
import { diagnose, formatDiagnosis } from './index.ts';

const MIN = 60_000;
const AGENTS = ['2001', '2002', '2003', '2004', '2005'];

function signInAll(s: Scenario, agents: string[], tag: string): void {
  for (const a of agents) {
    boshSignIn(s, a, `${tag}${a}`);
    s.step(700);
  }
}

/** BOSH long-polls every 30 s for every agent still in `live`, until `until`. */
function pollUntil(s: Scenario, live: Set<string>, tag: string, until: number): void {
  let rid = 2000;
  while (s.now() + 30_000 <= until) {
    s.step(30_000);
    for (const a of live) boshPoll(s, `${tag}${a}`, rid++);
  }
  s.at(until);
}

/** Client side: three desktops stop polling at different times; 2002 never returns and is logged out (255). */
function writeClientDrops(s: Scenario): void {
  const live = new Set(AGENTS);
  signInAll(s, AGENTS, 'c');
  const drop = (agent: string, at: number) => {
    pollUntil(s, live, 'c', at - MIN);
    live.delete(agent);
    pollUntil(s, live, 'c', at);
    idleClose(s, agent, `c${agent}`);
  };
  drop('2001', DAY + 5 * MIN);
  s.step(30_000);
  agentPresent(s, '2001', 'c2001b');
  drop('2002', DAY + 12 * MIN);
  s.step(MIN);
  presenceLogout(s, '2002', '2004', 31);
  drop('2003', DAY + 31 * MIN);
  s.step(20_000);
  agentPresent(s, '2003', 'c2003b');
  // A deliberate sign-out: presence goes, no monitoring (the agent was LOGOUT). Not a disconnect.
  s.step(MIN);
  presence(s, '2004', 'unavailable');
  s.logs.notifyInfo.write(`A session is closed for ${jidOf('2004')}`);
}

/** Server side: every desktop's session is reaped within 2 s. */
function writeSimultaneousDrop(s: Scenario): void {
  s.at(DAY + 60 * MIN);
  signInAll(s, AGENTS, 's');
  s.at(DAY + 70 * MIN);
  for (const a of AGENTS) {
    idleClose(s, a, `s${a}`);
    s.step(400);
  }
}

/** Server side: the notification service stops; every session closes; it starts again 20 s later. */
function writeServiceStop(s: Scenario): void {
  s.at(DAY + 120 * MIN);
  signInAll(s, AGENTS.slice(0, 4), 'n');
  s.at(DAY + 125 * MIN);
  // src/notify closes every session, then logs that it stopped.
  for (const a of AGENTS.slice(0, 4)) {
    s.logs.notifyInfo.write(`A session is closed for ${jidOf(a)}`);
    s.step(50);
    unavailable(s, a);
  }
  s.logs.notifyInfo.write('Notification service stopped');
  s.step(20_000);
  s.logs.notifyInfo.write('HTTP bind service started on *:7071');
  s.step(3000);
  for (const a of AGENTS.slice(0, 4)) agentPresent(s, a, `n${a}b`);
}

/** A restart with no stop logged before it: the service died. */
function writeCrash(s: Scenario): void {
  s.at(DAY + 180 * MIN);
  signInAll(s, ['2001', '2002', '2003'], 'k');
  s.step(10_000);
  for (const a of ['2001', '2002', '2003']) unavailable(s, a);
  s.step(15_000);
  s.logs.notifyInfo.write('HTTP bind service started on *:7071');
  for (const a of ['2001', '2002', '2003']) agentPresent(s, a, `k${a}b`);
}

describe('diagnose', () => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-diagnose-'));
    const s = createScenario(dir);
    writeClientDrops(s);
    writeSimultaneousDrop(s);
    writeServiceStop(s);
    writeCrash(s);
    await s.flush();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('classifies agents dropping one by one as client side, with durations and the presence logout', async () => {
    const r = await diagnose(dir, { to: DAY + 50 * MIN });
    assert.equal(r.classification, 'client', formatDiagnosis(r));
    assert.deepEqual(
      r.disconnects.map((d) => [d.agentId, d.side, d.cameBackWithinWindow, d.loggedOutByPresence]),
      [
        ['2001', 'client', true, false],
        ['2002', 'client', false, true],
        ['2003', 'client', true, false],
      ],
    );
    const [d1, d2] = r.disconnects;
    assert.equal(d1.durationMs, 30_000 + 1);
    assert.equal(d1.sid, 'c2001');
    assert.equal(d1.lastRequest, DAY + 5 * MIN - 60_012);
    assert.equal(d2.end, undefined);
    assert.equal(d2.reasonCode, 255);
    assert.deepEqual(
      r.presenceLogouts.map((p) => [p.agentId, p.reasonCode]),
      [['2002', 255]],
    );
    assert.ok(
      d1.evidence.some(
        (e) => /^openfire\/info\.log$/.test(e.file) && /Closing idle session \(id=c2001\)/.test(e.text),
      ),
    );
    assert.deepEqual(
      r.checks.map((c) => c.side),
      ['client'],
    );
    const text = formatDiagnosis(r);
    assert.match(text, /CLIENT side/);
    assert.match(text, /Network problem/);
    assert.match(text, /Computer put to sleep/);
    assert.match(text, /LOGGED OUT by presence \(reason 255\)/);
  });

  it('classifies everybody dropping within 2 s as server side', async () => {
    const r = await diagnose(dir, { from: DAY + 55 * MIN, to: DAY + 100 * MIN });
    assert.equal(r.classification, 'server', formatDiagnosis(r));
    assert.equal(r.incidents.length, 1);
    assert.equal(r.incidents[0].cause, 'simultaneous-drop');
    assert.deepEqual(r.incidents[0].agents, AGENTS);
    assert.match(formatDiagnosis(r), /Notification service stopped or crashed/);
  });

  it('blames a notification-service stop, and a restart with no stop logged', async () => {
    const stop = await diagnose(dir, { from: DAY + 110 * MIN, to: DAY + 150 * MIN });
    assert.equal(stop.classification, 'server', formatDiagnosis(stop));
    assert.deepEqual(
      stop.incidents.map((i) => [i.cause, i.agents.length]),
      [['notification-service', 4]],
    );
    assert.ok(stop.incidents[0].evidence.some((e) => e.text.includes('Notification service stopped')));
    assert.ok(stop.disconnects.every((d) => d.cameBackWithinWindow));

    const crash = await diagnose(dir, { from: DAY + 170 * MIN });
    assert.equal(crash.classification, 'server', formatDiagnosis(crash));
    assert.match(crash.incidents[0].summary, /without a logged stop/);
    assert.deepEqual(
      crash.incidents.map((i) => [i.cause, i.agents.length]),
      [['notification-service', 3]],
    );
  });

  it('calls the whole day mixed and reads only the files of the window', async () => {
    const all = await diagnose(dir);
    assert.equal(all.classification, 'mixed');
    assert.deepEqual(
      all.checks.map((c) => c.side),
      ['client', 'server'],
    );
    const none = await diagnose(dir, { from: DAY - 120 * MIN, to: DAY - 60 * MIN });
    assert.equal(none.classification, 'none');
    assert.equal(none.scanned.files, 0);
  });
});
