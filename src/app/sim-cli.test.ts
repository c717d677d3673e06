/** `switchboard sim …` against a running simulator's admin API: every verb, and the errors a person makes. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDemoSimulator } from '../../test/support/cti.ts';
import type { CtiSimulator } from '../cti/index.ts';
import { CtiStatus } from '../cti/protocol/index.ts';
import { connectPeer, rawOpenReq } from '../cti/testing/wire-peer.ts';
import { runCli } from './testing/run-cli.ts';

describe('switchboard sim', () => {
  let simulator: CtiSimulator;
  let admin: string;
  // The node's data folder, where `switchboard start` keeps the admin API's token.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-cli-'));
  before(async () => {
    fs.writeFileSync(path.join(dataDir, 'cti-admin.token'), 'T0k3n\n', { mode: 0o600 });
    simulator = await startDemoSimulator({ adminPort: 0, adminToken: 'T0k3n' });
    admin = `http://127.0.0.1:${simulator.adminPort}`;
  });
  after(async () => {
    await simulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const sim = async (...args: string[]) => {
    const { code, text } = await runCli(['sim', ...args, '--admin', admin, '--data-dir', dataDir]);
    return { code, text };
  };

  it("sends the admin API's token from the data folder or the environment, and says where it looked (#12)", async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-cli-none-'));
    try {
      const refused = await runCli(['sim', 'state', '--admin', admin, '--data-dir', elsewhere]);
      assert.equal(refused.code, 1);
      assert.match(refused.text, /wants its token: none found in .*cti-admin\.token/);
      const fromEnv = await runCli(['sim', 'state', '--admin', admin, '--data-dir', elsewhere], {
        SWITCHBOARD_CTI_ADMIN_TOKEN: 'T0k3n',
      });
      assert.equal(fromEnv.code, 0, fromEnv.text);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('places a call, shows it, and hangs it up', async () => {
    const placed = await sim('call', '--dnis', '8000', '--ani', '5551234', '--var', 'callVariable1=Gold');
    assert.equal(placed.code, 0, placed.text);
    const id = /call (\d+) placed to 8000/.exec(placed.text)?.[1];
    assert.ok(id, placed.text);
    const state = await sim('state');
    assert.match(state.text, new RegExp(`${id}  from 5551234 to 8000`));
    assert.match(state.text, /^2001\s+2003\s+LOGOUT/m);
    const json = JSON.parse((await sim('state', '--json')).text);
    assert.equal(
      json.calls.find((c: { id: number }) => String(c.id) === id)?.variables.callVariable1,
      'Gold',
    );
    assert.deepEqual(await sim('drop', id), { code: 0, text: `call ${id} hung up\n` });
    assert.match((await sim('state')).text, /no calls/);
  });

  it('takes a phone out of service and back, and runs the generator', async () => {
    assert.equal((await sim('out-of-service', '2003')).code, 0);
    assert.match((await sim('state')).text, /^2001\s+2003.*\(phone out of service\)$/m);
    assert.equal((await sim('in-service', '2003')).code, 0);
    assert.doesNotMatch((await sim('state')).text, /out of service/);
    assert.deepEqual(await sim('generator', 'on', '--rate', '6', '--seed', '7'), {
      code: 0,
      text: 'generator on, 6 calls/min\n',
    });
    assert.deepEqual(await sim('generator', 'off'), { code: 0, text: 'generator off\n' });
  });

  it('puts the CTI server into maintenance: a v24 session is asked to move', async () => {
    const client = await connectPeer(simulator.port);
    client.send(rawOpenReq({ clientId: 'sim-cli-test' }));
    await client.next('OPEN_CONF');
    assert.deepEqual(await sim('maintenance', '--down', '0'), {
      code: 0,
      text: 'CTI server going into maintenance: 1 session(s) asked to move, sessions refused for 0 s; calls go on\n',
    });
    await client.next('ACTIVE_MAINTENANCE_REQ');
    client.socket.destroy();
  });

  it('restarts the CTI service: its sessions end, the call goes on', async () => {
    const placed = await sim('call', '--dnis', '8000', '--ani', '5551234');
    const id = Number(/call (\d+) placed/.exec(placed.text)?.[1]);
    const client = await connectPeer(simulator.port);
    client.send(rawOpenReq({ clientId: 'sim-cli-test' }));
    await client.next('OPEN_CONF');
    assert.deepEqual(await sim('restart', '--down', '0.05'), {
      code: 0,
      text: 'CTI service restarting: 1 session(s) closed, connections refused for 0.05 s; calls go on\n',
    });
    assert.equal((await client.next('FAILURE_EVENT')).status, CtiStatus.E_CTI_CTI_SERVER_OFFLINE);
    await client.closed;
    assert.ok(simulator.calls.get(id), 'the call is still up');
    const refused = await sim('restart', '--down', '7200');
    assert.equal(refused.code, 1);
    assert.match(refused.text, /downSec must be 0 … 3600/);
    await sim('drop', String(id));
  });

  it('says what is wrong: usage errors exit 2, refusals and an unreachable simulator exit 1', async () => {
    const usage = await sim('call');
    assert.equal(usage.code, 2);
    assert.match(usage.text, /call needs --dnis/);
    assert.equal((await sim('frobnicate')).code, 2);
    const refused = await sim('drop', '999999');
    assert.equal(refused.code, 1);
    assert.match(refused.text, /DELETE \/calls\/999999: 4\d\d/);
    const { code, text } = await runCli(['sim', 'state', '--admin', 'http://127.0.0.1:9']);
    assert.equal(code, 1);
    assert.match(text, /cannot reach the simulator's admin API at http:\/\/127\.0\.0\.1:9/);
  });
});
