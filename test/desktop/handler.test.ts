/**
 * Serving the desktop: what `createDesktopHandler()` answers for `/desktop/*` over real HTTP —
 * content types, caching (hashed assets forever, index.html revalidated), ETag/304, gzip, and
 * 404 for anything the build did not produce, traversal attempts included.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDesktopHandler, type DesktopHandler } from '../../src/desktop/index.ts';

/** A raw request, so that paths reach the server exactly as written (fetch would normalize `..`). */
function request(port: number, method: string, p: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path: p, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('desktop handler', () => {
  let dir: string;
  let handler: DesktopHandler;
  let server: http.Server;
  let port: number;
  const access: { path: string; status: number }[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desktop-build-test-'));
    handler = await createDesktopHandler({
      buildDir: dir,
      logAccess: (r) => access.push({ path: r.path, status: r.status }),
    });
    server = http.createServer((req, res) => {
      if (!handler.handle(req, res)) res.writeHead(418).end('not mine');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const assetName = (ext: string) =>
    [...handler.build.files.keys()].find((n) => n.startsWith('assets/') && n.endsWith(ext)) ?? '';

  it('says how long it took to build and writes the build to the folder it was given', (t) => {
    // How long is the machine's business (a loaded one is slow): said, not asserted.
    assert.ok(Number.isFinite(handler.build.elapsedMs) && handler.build.elapsedMs >= 0);
    t.diagnostic(`desktop build: ${handler.build.elapsedMs} ms`);
    assert.ok(fs.existsSync(path.join(dir, 'index.html')));
    assert.match(assetName('.js'), /^assets\/main-[A-Z0-9]+\.js$/);
    assert.ok(fs.existsSync(path.join(dir, assetName('.js'))));
  });

  it('redirects /desktop to /desktop/ and serves index.html, revalidated, with a strict CSP', async () => {
    const r = await request(port, 'GET', '/desktop?x=1');
    assert.equal(r.status, 302);
    assert.equal(r.headers.location, '/desktop/?x=1');
    const page = await request(port, 'GET', '/desktop/');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    const html = page.body.toString();
    assert.ok(html.includes(`/desktop/${assetName('.js')}`), html);
    assert.ok(html.includes(`/desktop/${assetName('.css')}`), html);
    assert.doesNotMatch(html, /https?:\/\//, 'no CDN: everything comes from this server');
    const localLog = await request(port, 'GET', '/desktop/localLog');
    assert.equal(localLog.status, 200);
    assert.equal(localLog.body.toString(), html);
  });

  it('serves hashed assets with their type, a year of caching, gzip and 304 on a matching ETag', async () => {
    const js = await request(port, 'GET', `/desktop/${assetName('.js')}`);
    assert.equal(js.status, 200);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(js.headers['x-content-type-options'], 'nosniff');
    const css = await request(port, 'GET', `/desktop/${assetName('.css')}`);
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    const gz = await request(port, 'GET', `/desktop/${assetName('.js')}`, { 'Accept-Encoding': 'gzip, br' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gz.body.length < js.body.length / 2);
    const again = await request(port, 'GET', `/desktop/${assetName('.js')}`, {
      'If-None-Match': String(js.headers.etag),
    });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const head = await request(port, 'HEAD', `/desktop/${assetName('.js')}`);
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(js.body.length));
    assert.equal(head.body.length, 0);
  });

  it('answers 404 for unknown files and traversal attempts, 405 for writes, and leaves other URLs alone', async () => {
    for (const p of [
      '/desktop/nope.js',
      '/desktop/assets/',
      '/desktop/../package.json',
      '/desktop/%2e%2e/%2e%2e/package.json',
      '/desktop/assets/..%2f..%2fpackage.json',
      '/desktop/..\\..\\package.json',
      '/desktop/%00',
    ]) {
      const r = await request(port, 'GET', p);
      assert.equal(r.status, 404, p);
    }
    assert.equal((await request(port, 'GET', '/desktop/%E0%A4%A')).status, 400);
    const post = await request(port, 'POST', '/desktop/');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
    assert.equal((await request(port, 'GET', '/finesse/api/SystemInfo')).status, 418);
    assert.equal((await request(port, 'GET', '/desktopx')).status, 418);
  });

  it('writes an access-log record for every desktop request', () => {
    assert.ok(access.some((a) => a.path === '/desktop/' && a.status === 200));
    assert.ok(access.some((a) => a.path === '/desktop/nope.js' && a.status === 404));
    assert.ok(!access.some((a) => a.path.startsWith('/finesse')));
  });
});
