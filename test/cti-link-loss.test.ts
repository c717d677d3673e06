/**
 * The CTI link dies mid-call (cti-and-peers.md A.1: Finesse goes OUT_OF_SERVICE, answers 503,
 * reconnects and republishes the last states). A TCP proxy between the node and the simulator is
 * cut while an agent is talking; the CTI server itself keeps the call. Afterwards nothing may be
 * stuck: the call ends normally and the agent leaves TALKING.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type CtiSimulator, startCtiSimulator } from '../src/cti/index.ts';
import { DEMO } from '../src/store/index.ts';
import { parseXml } from '../src/xml/index.ts';
import { type PubsubEvent, type StropheSession, signOnStrophe } from './support/strophe.ts';
import { basic, startTestSystem, type TestSystem } from './support/system.ts';

/** A loopback TCP proxy that can drop every connection and refuse new ones until restored. */
async function startProxy(targetPort: number) {
  const sockets = new Set<net.Socket>();
  let isCut = false;
  const server = net.createServer((client) => {
    if (isCut) return client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      isCut = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      isCut = false;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const stateOf = (e: PubsubEvent) => /<state>([A-Z_]+)<\/state>/.exec(e.payload)?.[1];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the CTI link lost mid-call', () => {
  let simulator: CtiSimulator;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let sys: TestSystem;
  let desktop: StropheSession;

  before(async () => {
    simulator = await startCtiSimulator({
      host: '127.0.0.1',
      port: 0,
      agents: DEMO.agents.map((a) => ({ agentId: a.id, instrument: a.extension })),
      ronaTimeoutSec: 0,
    });
    proxy = await startProxy(simulator.port);
    sys = await startTestSystem((c) => {
      c.cti.simulator = false;
      c.cti.sides = [{ host: '127.0.0.1', port: proxy.port }];
    });
    desktop = await signOnStrophe(sys.bosh, '2001@localhost/desktop', '2001');
  });
  after(async () => {
    await desktop?.disconnect().catch(() => {});
    await sys?.stop();
    await proxy?.close();
    await simulator?.stop();
  });

  it('goes OUT_OF_SERVICE with 503s, comes back, republishes the truth and leaves nothing stuck', async () => {
    const put = (body: string, requestId: string) =>
      sys.api('/finesse/api/User/2001', { method: 'PUT', auth: basic('2001'), headers: { requestId }, body });
    assert.equal(
      (await put('<User><state>LOGIN</state><extension>2003</extension></User>', 'l1')).status,
      202,
    );
    await desktop.waitForEvent((e) => e.payload.includes('<requestId>l1</requestId>'));
    assert.equal((await put('<User><state>READY</state></User>', 'r1')).status, 202);
    await desktop.waitForEvent((e) => e.payload.includes('<requestId>r1</requestId>'));

    const injected = simulator.injectCall({ dnis: '8000', ani: '5551234' });
    assert.ok(injected.ok);
    const post = await desktop.waitForEvent(
      (e) => e.node.endsWith('/Dialogs') && e.payload.includes('<event>POST</event>'),
    );
    const dialogId = /<id>(\d+)<\/id>/.exec(post.payload)?.[1];
    assert.ok(dialogId);
    const answer = await sys.api(`/finesse/api/Dialog/${dialogId}`, {
      method: 'PUT',
      auth: basic('2001'),
      headers: { requestId: 'a1' },
      body: '<Dialog><targetMediaAddress>2003</targetMediaAddress><requestedAction>ANSWER</requestedAction></Dialog>',
    });
    assert.equal(answer.status, 202);
    await desktop.waitForEvent((e) => e.node === '/finesse/api/User/2001' && stateOf(e) === 'TALKING');

    // The link dies: OUT_OF_SERVICE published to SystemInfo, every API call answers 503.
    const before = desktop.events.length;
    proxy.cut();
    const down = await desktop.waitForEvent(
      (e) => e.node === '/finesse/api/SystemInfo' && e.payload.includes('OUT_OF_SERVICE'),
    );
    assert.ok(down);
    const refused = await sys.api('/finesse/api/User/2001', { auth: basic('2001') });
    assert.equal(refused.status, 503);
    const err = parseXml(await refused.text());
    assert.ok(err.ok);
    assert.equal(err.root.getChild('ApiError')?.getChildText('ErrorMessage'), 'SERVER_OUT_OF_SERVICE');
    const info = parseXml(await (await sys.api('/finesse/api/SystemInfo')).text());
    assert.ok(info.ok);
    assert.equal(info.root.getChildText('status'), 'OUT_OF_SERVICE');

    // It comes back: IN_SERVICE, and the agent's state is republished from the CTI server.
    await sleep(300);
    proxy.restore();
    await desktop.waitForEvent(
      (e) =>
        desktop.events.indexOf(e) >= before &&
        e.node === '/finesse/api/SystemInfo' &&
        e.payload.includes('IN_SERVICE'),
      15_000,
    );
    assert.equal((await sys.api('/finesse/api/User/2001', { auth: basic('2001') })).status, 200);
    const user = parseXml(await (await sys.api('/finesse/api/User/2001', { auth: basic('2001') })).text());
    assert.ok(user.ok);
    assert.equal(user.root.getChildText('state'), 'TALKING');

    // The caller hangs up: the dialog goes away and the agent is not left TALKING.
    const dropped = simulator.dropCall(Number(dialogId));
    assert.ok(dropped.ok, JSON.stringify(dropped));
    await desktop.waitForEvent(
      (e) => e.node.endsWith('/Dialogs') && e.payload.includes('<event>DELETE</event>'),
      5000,
    );
    const after = parseXml(await (await sys.api('/finesse/api/User/2001', { auth: basic('2001') })).text());
    assert.ok(after.ok);
    assert.notEqual(after.root.getChildText('state'), 'TALKING');
    assert.notEqual(after.root.getChildText('state'), 'RESERVED');
    const dialogs = parseXml(
      await (await sys.api('/finesse/api/User/2001/Dialogs', { auth: basic('2001') })).text(),
    );
    assert.ok(dialogs.ok);
    assert.equal(dialogs.root.getChildren('Dialog').length, 0);
  });
});
