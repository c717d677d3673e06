import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatParameters } from './request-log.ts';
import { type ApiFixture, startApiFixture } from './testing/api-fixture.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('query parameters in REQUEST_START', () => {
  it("print as Finesse's map: { k=[v], … }, one line, bounded", () => {
    assert.equal(
      formatParameters(new URLSearchParams('nocache=1366756802163')),
      '{ nocache=[1366756802163], }',
    );
    assert.equal(
      formatParameters(new URLSearchParams('category=LOGOUT&nocache=1&category=x')),
      '{ category=[LOGOUT, x], nocache=[1], }',
    );
    assert.equal(formatParameters(new URLSearchParams('')), '{ }');
    assert.equal(formatParameters(new URLSearchParams('a=%0D%0A%25CCBU_fake')), '{ a=[\\r\\n%CCBU_fake], }');
    // A value cannot close its bracket or the field (#12: `][agent_id=2001]`).
    assert.equal(
      formatParameters(new URLSearchParams('x=%5D%5Bagent_id%3D2001')),
      '{ x=[%5D%5Bagent_id%3D2001], }',
    );
    assert.ok(formatParameters(new URLSearchParams(`a=${'x'.repeat(5000)}`)).length < 300);
  });
});

describe('request logs', () => {
  let api: ApiFixture;
  let webservices: string;
  let access: string;
  const rid = '6e210ca9-5786-43bc-babf-64a397a6057f';
  const secret = 'S3cr3t-pw';

  before(async () => {
    api = await startApiFixture();
    const mickey: [string, string] = ['2001', '2001'];
    await api.request('/finesse/api/SystemInfo?nocache=1366756802163', { auth: mickey });
    await api.request('/finesse/api/SystemInfo?nocache=1366756802164');
    await api.request('/finesse/api/User/2001?nocache=1366756805180', { auth: mickey });
    await api.request('/finesse/api/User/2001', {
      method: 'PUT',
      auth: mickey,
      headers: { requestId: rid },
      body: '<User><state>LOGIN</state><extension>2003</extension></User>',
    });
    await api.request('/finesse/api/User/2001/ReasonCodes?category=NOT_READY&nocache=1366756805358', {
      auth: mickey,
    });
    await api.request('/finesse/api/User/2001', { auth: ['2001', secret] });
    ({ webservices, access } = await api.readLogs());
  });
  after(() => api.stop());

  const lines = (mnemonic: string) => webservices.split('\n').filter((l) => l.includes(`-6-${mnemonic}: `));

  it("logs REQUEST_START with the GET's nocache id and the user", () => {
    assert.match(
      webservices,
      /: %CCBU_http-\d+-\d+-\d+-6-REQUEST_START: %\[method_name=GET\]\[parameter_name=\{ nocache=\[1366756802163\], \}\]\[resource_name=\/SystemInfo\]\[usr=2001\]: Request start/,
    );
    assert.match(
      webservices,
      /-REQUEST_START: %\[method_name=GET\]\[parameter_name=\{ nocache=\[1366756805180\], \}\]\[resource_name=\/User\/2001\]\[usr=2001\]: Request start/,
    );
    assert.match(
      webservices,
      /-REQUEST_START: %\[method_name=GET\]\[parameter_name=\{ category=\[NOT_READY\], nocache=\[1366756805358\], \}\]\[resource_name=\/User\/2001\/ReasonCodes\]/,
    );
  });

  it("logs API_REQUEST as the seed does, with the PUT's requestId and parameters", () => {
    assert.match(
      webservices,
      /-API_REQUEST: %\[REQUEST_URL=SystemInfo\]\[agent_id=\]\[request_identifier=\]\[request_method=systemInfo\.GET\]\[request_parameters=\]: Request from client to webservice api/,
    );
    assert.match(
      webservices,
      /-API_REQUEST: %\[REQUEST_URL=User\/2001\]\[agent_id=2001\]\[request_identifier=null\]\[request_method=user\.GET\]\[request_parameters=2001\]/,
    );
    assert.match(
      webservices,
      new RegExp(
        escapeRegExp(
          `-API_REQUEST: %[REQUEST_URL=User/2001][agent_id=2001][request_identifier=${rid}][request_method=user.PUT]` +
            '[request_parameters= extension:2003 state:LOGIN]: Request from client to webservice api',
        ),
      ),
    );
  });

  it('registers each request type once', () => {
    const registered = lines('REGISTER_API_STATS_OBJECT').map(
      (l) => /component0=(.+)\]: Registered new api stats object for new request type\.$/.exec(l)?.[1],
    );
    assert.deepEqual(registered, [
      'SystemInfo-GET',
      'User-[id]-GET',
      'User-[id]-PUT',
      'User-[id]-ReasonCodes-GET',
    ]);
  });

  it('ends every request with its elapsed time, on the thread that started it', () => {
    const starts = lines('REQUEST_START');
    const ends = lines('REQUEST_END');
    assert.equal(starts.length, 6);
    assert.equal(ends.length, 6);
    for (const end of ends) assert.match(end, /-REQUEST_END: %\[elapsed_time=\d+\]: Request complete$/);
    const threadOf = (l: string) => /%CCBU_(http-\d+-\d+-\d+)-6-/.exec(l)?.[1];
    assert.deepEqual(new Set(ends.map(threadOf)), new Set(starts.map(threadOf)));
    const putThread = threadOf(lines('API_REQUEST').find((l) => l.includes(rid)) ?? '');
    assert.ok(putThread);
    assert.equal(webservices.split('\n').filter((l) => l.includes(`%CCBU_${putThread}-`)).length, 4);
  });

  it('writes a Tomcat access line per request with the query and the authenticated user', () => {
    const port = new URL(api.base).port;
    // SystemInfo is not authenticated, so `%u` is `-` even with credentials (as in seed 000).
    assert.match(
      access,
      new RegExp(
        `^127\\.0\\.0\\.1 127\\.0\\.0\\.1 - \\[[^\\]]+\\] ${port} GET /finesse/api/SystemInfo \\?nocache=1366756802163 HTTP/1\\.1 200 \\d+ \\d+$`,
        'm',
      ),
    );
    assert.match(
      access,
      / 2001 \[[^\]]+\] \d+ GET \/finesse\/api\/User\/2001 \?nocache=1366756805180 HTTP\/1\.1 200 \d+ \d+$/m,
    );
    assert.match(access, / 2001 \[[^\]]+\] \d+ PUT \/finesse\/api\/User\/2001 {2}HTTP\/1\.1 202 - \d+$/m);
    assert.match(access, / - \[[^\]]+\] \d+ GET \/finesse\/api\/User\/2001 {2}HTTP\/1\.1 401 \d+ \d+$/m);
    assert.equal(access.trim().split('\n').length, 6);
  });

  it('never logs a password or an Authorization header', () => {
    for (const text of [webservices, access]) {
      assert.doesNotMatch(text, /Basic |Authorization|MjAwMToyMDAx/i);
      assert.ok(!text.includes(secret));
      assert.ok(!text.includes(Buffer.from(`2001:${secret}`).toString('base64')));
    }
  });
});
