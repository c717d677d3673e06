/**
 * #12 (Medium): one client held 20,000 idle connections and the file descriptors ran out. Replayed
 * on the notification service's own listeners (BOSH over HTTP, XMPP over TCP) with real sockets;
 * "another client behind the same NAT" is the same loopback address, a stranger elsewhere another
 * one of 127.0.0.0/8.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { until } from '../../test/support/until.ts';
import { realTimers } from '../clock/index.ts';
import { ConnectionGuard } from './connection-guard.ts';
import { memoryLog } from './testing/memory-log.ts';
import { connectStrophe } from './testing/strophe.ts';
import { DOMAIN, startTestServer, type TestServer } from './testing/test-server.ts';

/** A connection that says nothing, from `localAddress`; resolves once connected. */
function silent(port: number, localAddress = '127.0.0.1'): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1', localAddress }, () => resolve(s));
    s.on('error', reject);
  });
}

const closed = (s: net.Socket) =>
  s.destroyed && s.readyState === 'closed'
    ? Promise.resolve()
    : new Promise<void>((resolve) => s.once('close', () => resolve()));

describe('connections per address on every listener (#12)', () => {
  let server: TestServer;
  let guard: ConnectionGuard;
  const log = memoryLog();
  before(async () => {
    // The default time for a first request: a loaded test machine may take a while to read one.
    guard = new ConnectionGuard(
      { maxFreshPerAddress: 20, maxPerAddress: 0, firstRequestTimeoutMs: 10_000 },
      log,
      realTimers,
    );
    server = await startTestServer({ connectionGuard: guard, limits: { maxUnboundPerAddress: 20 } });
  });
  after(() => server.stop());

  it('keeps a flood of idle connections to its newest 20, and a desktop from the same address still signs in', async () => {
    const flood = await Promise.all(Array.from({ length: 300 }, () => silent(server.boshPort)));
    // The server accepts in its own time: wait until it has seen the whole flood.
    while (log.grep('the oldest made way').length < 280) await new Promise((r) => setTimeout(r, 10));
    assert.ok(guard.countOf('127.0.0.1') <= 21, `the guard counts ${guard.countOf('127.0.0.1')}`);
    const desktop = await connectStrophe(server.boshUrl, `2001@${DOMAIN}/desktop`, '2001');
    await desktop.disconnect();
    for (const s of flood) s.destroy();
  });

  it('closes a connection that sends nothing, HTTP and XMPP alike', async () => {
    const quickLog = memoryLog();
    const quick = new ConnectionGuard(
      { maxFreshPerAddress: 0, maxPerAddress: 0, firstRequestTimeoutMs: 300 },
      quickLog,
      realTimers,
    );
    const short = await startTestServer({ connectionGuard: quick, preAuthTimeout: 0.3 });
    try {
      const http = await silent(short.boshPort, '127.0.0.5');
      await closed(http);
      assert.equal(
        quickLog.grep('Closing BOSH connection from 127.0.0.5: no request within 0.3 s').length,
        1,
      );
      const xmpp = await silent(short.tcpPort, '127.0.0.5');
      xmpp.resume();
      await closed(xmpp);
      assert.equal(short.infoLog.grep('no resource bound within 0.3 s').length, 1);
    } finally {
      await short.stop();
    }
  });

  it('counts XMPP streams not signed in per address, and spares other addresses', async () => {
    const flood: net.Socket[] = [];
    for (let i = 0; i < 60; i++) {
      const s = await silent(server.tcpPort, '127.0.0.6');
      s.resume();
      flood.push(s);
    }
    const other = await silent(server.tcpPort, '127.0.0.7');
    other.resume();
    // Evicted streams close with a stream error, then the TCP close: wait for the count to settle.
    await until('the flood to settle', () => guard.countOf('127.0.0.6') <= 21);
    assert.ok(guard.countOf('127.0.0.6') <= 21, `${guard.countOf('127.0.0.6')} from the flood`);
    assert.equal(other.destroyed, false);
    for (const s of [...flood, other]) s.destroy();
  });

  it('answers a request head over the limit with 431, not a silent close', async () => {
    const s = await silent(server.boshPort, '127.0.0.8');
    let answer = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      answer += d;
    });
    s.write(`POST /http-bind/ HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    await closed(s);
    assert.match(answer, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });
});

describe('all connections of one address, when a limit is set', () => {
  it('refuses the connection past maxPerAddress, and takes it back when one closes', async () => {
    const log = memoryLog();
    const guard = new ConnectionGuard(
      { maxFreshPerAddress: 0, maxPerAddress: 3, firstRequestTimeoutMs: 0 },
      log,
      realTimers,
    );
    const server = await startTestServer({ connectionGuard: guard });
    try {
      const three = await Promise.all([1, 2, 3].map(() => silent(server.boshPort, '127.0.0.9')));
      const fourth = await silent(server.boshPort, '127.0.0.9');
      await closed(fourth);
      assert.equal(log.grep('Refusing BOSH connection from 127.0.0.9: more than 3 connections').length, 1);
      three[0].destroy();
      await closed(three[0]);
      while (guard.countOf('127.0.0.9') > 2) await new Promise((r) => setImmediate(r));
      const again = await silent(server.boshPort, '127.0.0.9');
      await new Promise((r) => setImmediate(r));
      assert.equal(again.destroyed, false);
      for (const s of [...three, again]) s.destroy();
    } finally {
      await server.stop();
    }
  });
});
