import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { createAuthenticator, credentialRequestOf } from '../api/index.ts';
import { createSignIn } from '../auth/index.ts';
import { createSqliteStore, seedDemoData } from '../store/index.ts';
import { TEST_HASHING } from '../store/testing/hashing.ts';
import { GadgetFileStore } from './file-store.ts';
import { createGadgetFilesHandler } from './files-handler.ts';

const basic = (id: string, pw = id) => `Basic ${Buffer.from(`${id}:${pw}`).toString('base64')}`;

describe('/3rdpartygadget/files: serving, uploads and the file store', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-gadget-files-'));
  const root = path.join(tmp, 'data', '3rdpartygadget', 'files');
  const outside = path.join(tmp, 'secret.txt');
  const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
  const auth = createAuthenticator(store, createSignIn({ store }));
  const files = new GadgetFileStore(root);
  let base = '';
  const server = http.createServer((req, res) => {
    if (!handler.handle(req, res)) res.writeHead(418).end();
  });
  const handler = createGadgetFilesHandler({
    files,
    isAdmin: async (req) => {
      const r = await auth.authenticate(credentialRequestOf(req));
      return r.ok && r.value.user.roles.includes('Administrator');
    },
  });

  before(async () => {
    await seedDemoData(store);
    fs.mkdirSync(path.join(root, 'Hello'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'Hello', 'Hello.xml'),
      `<Module><Content type="html"><![CDATA[${'hi '.repeat(600)}]]></Content></Module>`,
    );
    fs.writeFileSync(path.join(root, 'Hello', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    fs.writeFileSync(outside, 'do not serve');
    fs.symlinkSync(outside, path.join(root, 'Hello', 'escape.txt'));
    fs.symlinkSync(tmp, path.join(root, 'up'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/3rdpartygadget/files/`;
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    await store.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('serves files with their content type, an ETag (304 when unchanged) and gzip for text', async () => {
    const res = await fetch(`${base}Hello/Hello.xml`, { headers: { 'Accept-Encoding': 'identity' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/xml; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const etag = res.headers.get('etag')!;
    assert.match(await res.text(), /^<Module>/);
    assert.equal((await fetch(`${base}Hello/Hello.xml`, { headers: { 'If-None-Match': etag } })).status, 304);
    const png = await fetch(`${base}Hello/logo.png`);
    assert.equal(png.headers.get('content-type'), 'image/png');
    // gzip as sent on the wire (read with node:http: fetch would unpack it).
    const gz = await new Promise<http.IncomingMessage>((r) =>
      http.get(`${base}Hello/Hello.xml`, { headers: { 'Accept-Encoding': 'gzip' } }, r),
    );
    const chunks: Buffer[] = [];
    for await (const c of gz) chunks.push(c as Buffer);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(zlib.gunzipSync(Buffer.concat(chunks)).toString(), /^<Module>/);
  });

  it('refuses traversal, symbolic links out of the folder, folders and unknown files', async () => {
    // Sent as written: fetch would take the dots out before they reach the server.
    const raw = (p: string) =>
      new Promise<{ status: number; body: string }>((resolve) => {
        const u = new URL(base);
        http.get({ host: u.hostname, port: u.port, path: u.pathname + p }, (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
      });
    for (const p of [
      '../secret.txt',
      '%2e%2e/secret.txt',
      'Hello/..%2F..%2Fsecret.txt',
      'Hello/../../secret.txt',
      'Hello/escape.txt',
      'up/secret.txt',
      'Hello/',
      'Hello',
      'nope.xml',
      '%ZZ',
    ]) {
      const res = await raw(p);
      assert.ok(res.status === 404 || res.status === 400, `${p} → ${res.status}`);
      assert.doesNotMatch(res.body, /do not serve/);
    }
  });

  it('lets administrators upload files into folders, list and delete; nobody else', async () => {
    const put = (p: string, body: BodyInit, auth = basic('admin'), method = 'PUT') =>
      fetch(base + p, { method, body, headers: { Authorization: auth } });
    assert.equal((await put('Up/a.js', 'x', basic('2001'))).status, 401);
    assert.equal((await put('Up/a.js', 'x', basic('admin', 'wrong'))).status, 401);
    const one = await put('Up/a.js', 'console.log(1)');
    assert.equal(one.status, 200);
    assert.equal(
      (await fetch(`${base}Up/a.js`)).headers.get('content-type'),
      'text/javascript; charset=utf-8',
    );
    assert.equal((await put('Folder/Folder.xml', '<Module/>')).status, 200);
    assert.equal((await put('Folder/css/z.css', 'a{}')).status, 200);
    assert.equal(await (await fetch(`${base}Folder/css/z.css`)).text(), 'a{}');
    assert.equal((await put('Folder/', 'x')).status, 400);
    assert.equal((await put('Folder/x', 'x', basic('admin'), 'POST')).status, 405);
    assert.equal((await put('Hello/escape.txt', 'overwrite')).status, 400);
    assert.equal(fs.readFileSync(outside, 'utf8'), 'do not serve');
    const list = (await (
      await fetch(`${base}?list`, { headers: { Authorization: basic('admin') } })
    ).json()) as { path: string }[];
    assert.deepEqual(
      list.map((f) => f.path).filter((p) => !p.startsWith('Hello')),
      ['Folder/css/z.css', 'Folder/Folder.xml', 'Up/a.js'],
    );
    assert.equal((await fetch(`${base}?list`)).status, 401);
    assert.equal((await put('Folder', '', basic('admin'), 'DELETE')).status, 200);
    assert.equal((await fetch(`${base}Folder/Folder.xml`)).status, 404);
    // Removing a link removes the link, not what it points to.
    assert.equal((await put('up', '', basic('admin'), 'DELETE')).status, 200);
    assert.ok(fs.existsSync(outside));
  });
});
