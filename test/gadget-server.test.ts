import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { basic, startTestSystem, type TestSystem } from './support/system.ts';

/** The gadget platform's server side in the running system: one system for the whole file. */
describe('gadget platform, server side, in the running system', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(() => sys?.stop());

  const makeRequest = (request: unknown, auth = basic('2001')) =>
    fetch(`${sys.base}/gadgets/makeRequest`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(auth.join(':')).toString('base64')}` },
      body: JSON.stringify(request),
    });

  it('makeRequest reaches this node by name and port, but not the CTI simulator admin API on loopback', async () => {
    const own = await makeRequest({
      url: `http://localhost:${sys.sb.ports.http}/finesse/api/SystemInfo?nocache=5`,
    });
    assert.equal(own.status, 200);
    const body = (await own.json()) as { rc: number; text: string };
    assert.equal(body.rc, 200);
    assert.match(body.text, /<SystemInfo>/);
    const admin = await makeRequest({ url: `http://127.0.0.1:${sys.sb.ports.ctiAdmin}/state` });
    assert.equal(admin.status, 403);
    // Over https too: the node trusts its own generated certificate.
    const secure = await makeRequest({
      url: `https://localhost:${sys.sb.ports.https}/finesse/api/SystemInfo`,
    });
    assert.equal(((await secure.json()) as { rc: number }).rc, 200);
  });

  it('serves a gadget dropped into <data-dir>/3rdpartygadget/files/ at once, and takes uploads from administrators', async () => {
    const dir = path.join(sys.sb.config.dataDir, '3rdpartygadget', 'files', 'Dropped');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dropped.xml'), '<Module><Content type="html"/></Module>');
    const res = await fetch(`${sys.base}/3rdpartygadget/files/Dropped/Dropped.xml`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/xml; charset=utf-8');
    const up = await fetch(`${sys.base}/3rdpartygadget/files/Uploaded/u.js`, {
      method: 'PUT',
      body: 'var u = 1;',
      headers: { Authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
    });
    assert.equal(up.status, 200);
    assert.equal(await (await fetch(`${sys.base}/3rdpartygadget/files/Uploaded/u.js`)).text(), 'var u = 1;');
    const logs = await sys.logs();
    assert.match(logs.tomcat, /GET \/3rdpartygadget\/files\/Dropped\/Dropped.xml .* 200 /);
  });
});
