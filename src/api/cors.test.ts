import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { applyCors, isPeerOrigin } from './cors.ts';

describe('CORS for the other node of the pair', () => {
  it('matches host:port exactly and a bare host name on any port', () => {
    const peers = ['finesse-b.example', '127.0.0.1:8082', undefined];
    assert.equal(isPeerOrigin('https://finesse-b.example:8445', peers), true);
    assert.equal(isPeerOrigin('http://finesse-b.example', peers), true);
    assert.equal(isPeerOrigin('http://127.0.0.1:8082', peers), true);
    assert.equal(isPeerOrigin('http://127.0.0.1:9999', peers), false);
    assert.equal(isPeerOrigin('https://evil.example', peers), false);
    assert.equal(isPeerOrigin('https://finesse-b.example.evil.example', peers), false);
    assert.equal(isPeerOrigin('null', peers), false);
    assert.equal(isPeerOrigin('file://finesse-b.example', peers), false);
  });

  let server: http.Server;
  let base: string;
  before(async () => {
    server = http.createServer((req, res) => {
      if (applyCors(req, res, ['peer.example'])) return;
      res.writeHead(200, { 'Content-Type': 'application/xml' }).end('<ok/>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('answers a preflight from the peer with the methods and headers finesse.js uses', async () => {
    const res = await fetch(`${base}/finesse/api/User/2001`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://peer.example:8082',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization,content-type,requestid',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://peer.example:8082');
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /PUT/);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization.*requestId/);
  });

  it('lets a peer read answers (and their requestId); others get no CORS headers at all', async () => {
    const peer = await fetch(`${base}/finesse/api/SystemInfo`, {
      headers: { Origin: 'http://peer.example' },
    });
    assert.equal(peer.headers.get('access-control-allow-origin'), 'http://peer.example');
    assert.equal(peer.headers.get('access-control-expose-headers'), 'requestId');
    assert.equal(peer.headers.get('vary'), 'Origin');
    assert.equal(await peer.text(), '<ok/>');

    const foreign = await fetch(`${base}/finesse/api/SystemInfo`, {
      headers: { Origin: 'http://evil.example' },
    });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(`${base}/finesse/api/User/2001`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'PUT' },
    });
    // Not answered as a preflight: the API itself answers (here 200 without CORS headers; 405 there).
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    assert.equal(preflight.headers.get('access-control-allow-methods'), null);
  });
});
