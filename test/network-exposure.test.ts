/**
 * #12 (High 3): from another address one could read every agent and call, drop calls, log agents
 * out and take phones out of service through the CTI simulator, and a rogue CTI client with an
 * empty password logged agent 2001 out. "Another address" is a network namespace made here; the
 * node listens on its side of the link as it would on its LAN address.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStandaloneSimulator } from '../src/app/index.ts';
import { CtiStatus, FrameReader, type Message, parseMessage, serializeMessage } from '../src/cti/index.ts';
import { rawOpenReq } from '../src/cti/testing/wire-peer.ts';
import { createNetns, type Netns } from './support/netns.ts';
import { loopbackConfig, startTestSystem, type TestSystem } from './support/system.ts';

const CODEC = { tagWidth: 2, version: 24 } as const;

/** What a rogue CTI client sends first: an OPEN_REQ for every event, with `password`. */
const rogueOpen = (password: string) =>
  serializeMessage(rawOpenReq({ clientId: 'rogue', clientPassword: Buffer.from(password) }), CODEC);

function messagesIn(bytes: Buffer): Message[] {
  return new FrameReader()
    .push(bytes)
    .frames.map((f) => parseMessage(f, CODEC))
    .flatMap((r) => (r.ok ? [r.message] : []));
}

describe('what another machine reaches on a node (#12)', () => {
  let netns: Netns;
  let sys: TestSystem;
  before(async () => {
    netns = await createNetns();
    // Defaults, but for the LAN address and a ClientPassword (which the bundled simulator then asks for).
    sys = await startTestSystem((c) => {
      c.host = netns.hostAddress;
      c.demoOnNetwork = true;
      c.cti.clientPassword = 'cti-s3cret';
    });
  });
  after(async () => {
    await sys?.stop();
    await netns?.remove();
  });

  it('the desktop, but neither the CTI simulator nor its admin API', async () => {
    const { http, cti, ctiAdmin } = sys.sb.ports;
    assert.equal(await netns.canConnect(netns.hostAddress, http), true, 'the desktop is on the network');
    assert.equal(await netns.canConnect(netns.hostAddress, cti ?? 0), false, 'CTI port');
    assert.equal(await netns.canConnect(netns.hostAddress, ctiAdmin ?? 0), false, 'admin API');
    // On this machine both answer, the admin API to its token only.
    assert.equal((await sys.simAdmin('/state')).status, 200);
    assert.equal((await fetch(`http://127.0.0.1:${ctiAdmin}/state`)).status, 401);
  });

  it('refuses credentials in clear from it: REST Basic gets 403 and XMPP offers no SASL before TLS (#12 Medium)', async () => {
    const basic = Buffer.from('2001:2001').toString('base64');
    const request = Buffer.from(
      `GET /finesse/api/User/2001 HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${basic}\r\nConnection: close\r\n\r\n`,
    );
    const reply = (await netns.exchange(netns.hostAddress, sys.sb.ports.http, request)).toString();
    assert.match(reply, /^HTTP\/1\.1 403 /);
    assert.match(
      reply,
      /<ErrorMessage>Credentials in clear are accepted only over HTTPS or from this machine \(--plain-auth\)<\/ErrorMessage>/,
    );
    const stream = Buffer.from(
      `<?xml version='1.0'?><stream:stream to="localhost" version="1.0" xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams">`,
    );
    const features = (await netns.exchange(netns.hostAddress, sys.sb.ports.xmpp, stream, 800)).toString();
    assert.match(features, /<starttls xmlns="urn:ietf:params:xml:ns:xmpp-tls"><required\/><\/starttls>/);
    assert.doesNotMatch(features, /<mechanism>/);
    const { webservices } = await sys.logs();
    assert.match(
      webservices,
      new RegExp(
        `AUTHENTICATION_REFUSED: %\\[usr=2001\\]\\[client_address=${netns.peerAddress.replace(/\./g, '\\.')}\\]`,
      ),
    );
  });

  it("sends the configured ClientPassword on its own link, and a rogue client's empty one is refused", async () => {
    // startTestSystem waited for the link: Switchboard's CTI client sent the configured password.
    assert.equal(sys.sb.cti.isUp, true);
    const answer = messagesIn(await exchange('127.0.0.1', sys.sb.ports.cti ?? 0, rogueOpen('')));
    assert.deepEqual(
      answer.map((m) => [m.type, (m as { status?: number }).status]),
      [['FAILURE_CONF', CtiStatus.E_CTI_INVALID_PASSWORD]],
    );
  });

  it('put on the network (switchboard cti-sim --cti-host, --cti-admin-host), the simulator still wants its password and token', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cti-sim-'));
    const config = loopbackConfig(root);
    config.cti.simulatorHost = netns.hostAddress;
    config.cti.simulatorAdminHost = netns.hostAddress;
    config.cti.clientPassword = 'cti-s3cret';
    const sim = await startStandaloneSimulator(config);
    try {
      const answer = messagesIn(await netns.exchange(netns.hostAddress, sim.port, rogueOpen('')));
      assert.deepEqual(
        answer.map((m) => [m.type, (m as { status?: number }).status]),
        [['FAILURE_CONF', CtiStatus.E_CTI_INVALID_PASSWORD]],
      );
      const post = Buffer.from(
        'POST /agents/2001/logout HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
      );
      const reply = (await netns.exchange(netns.hostAddress, sim.adminPort ?? 0, post)).toString();
      assert.match(reply, /^HTTP\/1\.1 401 /);
      assert.equal(sim.state().agents.find((a) => a.agentId === '2001')?.state, 1, 'still LOGOUT, untouched');
    } finally {
      await sim.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

/** From this machine: connect, write `send`, collect until the server closes. */
function exchange(host: string, port: number, send: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, host, () => socket.write(send));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}
