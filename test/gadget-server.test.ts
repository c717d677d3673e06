import assert from 'node:assert/strict';
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
  });
});
