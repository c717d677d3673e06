import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseBasic, parseBearer } from './auth.ts';
import type { ApiFixture } from './testing/api-fixture.ts';
import { describeOnEachStore } from './testing/each-store.ts';
import { apiErrorOf, assertStandardHeaders } from './testing/xml.ts';

const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

describe('Basic credentials', () => {
  it('parse as RFC 7617 says: the user id ends at the first colon', () => {
    assert.deepEqual(parseBasic(basic('2001:pa:ss')), { username: '2001', password: 'pa:ss' });
    assert.deepEqual(parseBasic(basic('mmouse:')), { username: 'mmouse', password: '' });
    assert.deepEqual(parseBasic(`basic  ${Buffer.from('a:b').toString('base64')}`), {
      username: 'a',
      password: 'b',
    });
    for (const bad of [
      undefined,
      '',
      'Basic',
      'Basic !!!',
      basic('no-colon'),
      'Bearer abc.def',
      'Digest x',
    ]) {
      assert.equal(parseBasic(bad), undefined, bad);
    }
  });

  it('take session tokens as RFC 6750 Bearer credentials', () => {
    assert.equal(parseBearer('Bearer sbt1.k1.eyJ1Ijo.abc-_'), 'sbt1.k1.eyJ1Ijo.abc-_');
    for (const bad of [undefined, '', 'Bearer', 'Bearer a b', basic('a:b')])
      assert.equal(parseBearer(bad), undefined);
  });
});

describeOnEachStore('credentials and roles over HTTP', (suite) => {
  let api: ApiFixture;
  before(() => {
    api = suite.api();
  });

  const get = (path: string, auth?: [string, string]) => api.request(path, { auth });
  const put = (path: string, auth: [string, string], state = 'READY') =>
    api.request(path, { method: 'PUT', auth, body: `<User><state>${state}</state></User>` });

  it('refuses missing, malformed, wrong and unknown credentials with 401 Authentication Failure', async () => {
    const cases: [RequestInit['headers'], string][] = [
      [{}, ''],
      [{ Authorization: 'Basic !!!' }, ''],
      [{ Authorization: 'Bearer eyJhbGciOi' }, ''],
      [{ Authorization: basic('2001:wrong') }, '2001'],
      [{ Authorization: basic('nobody:2001') }, 'nobody'],
    ];
    for (const [headers, data] of cases) {
      const res = await api.request('/finesse/api/User/2001', { headers });
      assert.equal(res.status, 401, JSON.stringify(headers));
      assertStandardHeaders(res);
      assert.deepEqual(await apiErrorOf(res), ['Authentication Failure', 'UNAUTHORIZED', data]);
    }
  });

  it('lets an agent reach only itself; another id, known or not, is 401 Invalid Authorization User Specified', async () => {
    const mickey: [string, string] = ['2001', '2001'];
    for (const res of [
      await get('/finesse/api/User/2002', mickey),
      await put('/finesse/api/User/2002', mickey),
      await get('/finesse/api/User/2002/ReasonCodes?category=NOT_READY', mickey),
      await get('/finesse/api/User/2002/Dialogs', mickey),
      await get('/finesse/api/User/9999', mickey),
    ]) {
      assert.equal(res.status, 401);
      const [type, message] = await apiErrorOf(res);
      assert.equal(type, 'Invalid Authorization User Specified');
      assert.equal(message, "The user specified in the authentication credentials and the uri don't match");
    }
    assert.ok(!api.core.changes.some((c) => c.userId === '2002' && c.actor === '2001'));
  });

  it('lets a supervisor read and change the agents of its team only', async () => {
    const walt: [string, string] = ['wdisney', '2010'];
    assert.equal((await get('/finesse/api/User/2002', walt)).status, 200);
    assert.equal((await put('/finesse/api/User/2002', walt)).status, 202);
    assert.deepEqual(api.core.changes.at(-1)?.actor, '2010');
    for (const res of [
      await get('/finesse/api/User/2004', walt),
      await put('/finesse/api/User/2004', walt),
    ]) {
      assert.equal(res.status, 401);
      assert.deepEqual(await apiErrorOf(res), [
        'Invalid Supervisor',
        'The supervisor does not supervise a team of this agent',
        '2004',
      ]);
    }
    const unknown = await get('/finesse/api/User/9999', walt);
    assert.equal(unknown.status, 404);
    assert.deepEqual(await apiErrorOf(unknown), ['User Not Found', 'UNKNOWN_USER', '9999']);
  });

  it('lets an administrator read any user but change none', async () => {
    const admin: [string, string] = ['admin', 'admin'];
    const read = await get('/finesse/api/User/2004', admin);
    assert.equal(read.status, 200);
    const change = await put('/finesse/api/User/2004', admin);
    assert.equal(change.status, 401);
    assert.equal((await apiErrorOf(change))[0], 'Invalid Authorization User Specified');
    assert.equal((await get('/finesse/api/User/9999', admin)).status, 404);
    const self = await get('/finesse/api/User/admin', admin);
    assert.equal(self.status, 200);
  });
});

const T0 = Date.parse('2026-11-22T10:00:00Z');
let clock = T0;
describeOnEachStore(
  'sign-in lockout',
  (suite) => {
    let api: ApiFixture;
    before(() => {
      api = suite.api();
      // Each store's run starts at the same time of day: the log line below names it.
      clock = T0;
    });
    const asUser = (user: string, password: string) =>
      api.request('/finesse/api/User/2001', { auth: [user, password] });
    /** A wrong password, then time enough for the throttle's wait (at most 4 s before the lock). */
    const guess = async (user: string, password: string) => {
      const res = await asUser(user, password);
      clock += 10_000;
      return res;
    };

    it('accepts login names in any case', async () => {
      assert.equal((await asUser('MMouse', '2001')).status, 200);
      assert.equal((await asUser('MMOUSE', '2001')).status, 200);
    });

    it('slows repeated wrong passwords with 429 and Retry-After before any lock, unchecked and uncounted', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await asUser('2001', `quick-${i}`)).status, 401);
      const slowed = await asUser('2001', '2001');
      assert.equal(slowed.status, 429);
      assert.equal(slowed.headers.get('retry-after'), '1');
      assert.deepEqual(await apiErrorOf(slowed), [
        'Authentication Failure',
        'Too many failed sign-ins from this address: retry after the seconds in Retry-After',
        '2001',
      ]);
      clock += 1000;
      assert.equal(
        (await asUser('2001', '2001')).status,
        200,
        'after the wait; and a success resets the count',
      );
      const { webservices } = await api.readLogs();
      assert.match(
        webservices,
        /AUTHENTICATION_REFUSED: %\[usr=2001\]\[client_address=127\.0\.0\.1\]\[reason=throttled\]\[retry_after_ms=1000\]/,
      );
      clock += 60_000;
    });

    it('locks an account for 5 minutes after 5 wrong passwords in a row, whichever name they used', async () => {
      // A success in between resets the count: four failures, a success, four more lock nothing.
      for (let i = 0; i < 4; i++) assert.equal((await guess('2001', `bad-${i}`)).status, 401);
      assert.equal((await asUser('2001', '2001')).status, 200);
      for (let i = 0; i < 4; i++)
        assert.equal((await guess(i % 2 ? 'MMOUSE' : '2001', `S3cret-${i}`)).status, 401);
      assert.equal((await asUser('mmouse', '2001')).status, 200);

      const start = clock;
      for (let i = 0; i < 5; i++) await guess(i % 2 ? 'mmouse' : '2001', `S3cret-${i}`);
      const lockedAt = start + 40_000;
      // Past the minute a verified password stays cached (a session that goes on, not a sign-in).
      clock += 60_000;
      const locked = await asUser('2001', '2001');
      assert.equal(locked.status, 401);
      assert.deepEqual(await apiErrorOf(locked), [
        'Authentication Failure',
        'The account is locked for 5 minutes after 5 consecutive failed sign-in attempts',
        '2001',
      ]);
      assert.equal((await asUser('mmouse', '2001')).status, 401, 'by either name');
      assert.equal(
        (await api.request('/finesse/api/User/2002', { auth: ['2002', '2002'] })).status,
        200,
        'others unaffected',
      );

      const { webservices } = await api.readLogs();
      const line = webservices.split('\n').find((l) => l.includes('USER_LOCKED_OUT'));
      assert.ok(line, webservices.slice(-2000));
      const until = new Date(lockedAt + 5 * 60_000).toISOString();
      assert.match(
        line,
        new RegExp(`\\[usr=2001\\]\\[client_address=127\\.0\\.0\\.1\\]\\[locked_until=${until}\\]`),
      );
      assert.match(
        webservices,
        /AUTHENTICATION_REFUSED: %\[usr=2001\]\[client_address=127\.0\.0\.1\]\[reason=locked\]/,
      );
      assert.ok(!webservices.includes('S3cret'), 'never a password');

      clock = lockedAt + 5 * 60_000 - 1;
      assert.equal((await asUser('2001', '2001')).status, 401);
      clock += 1;
      assert.equal((await asUser('2001', '2001')).status, 200, 'unlocked after 5 minutes');
    });

    it('does not end a session signed in before the lock: its verified credentials go on', async () => {
      clock += 60_000;
      assert.equal((await asUser('2001', '2001')).status, 200);
      for (let i = 0; i < 5; i++) await guess('2001', 'wrong');
      assert.equal((await asUser('2001', '2001')).status, 200, 'still within the cache: the same session');
      clock += 5 * 60_000;
    });
  },
  { now: () => clock },
);

describeOnEachStore(
  'credentials in clear (--plain-auth never)',
  (suite) => {
    it('refuses HTTP Basic without TLS with 403 and says why, before looking at the password', async () => {
      const res = await suite.api().request('/finesse/api/User/2001', { auth: ['2001', '2001'] });
      assert.equal(res.status, 403);
      assert.deepEqual(await apiErrorOf(res), [
        'Forbidden',
        'Credentials in clear are accepted only over HTTPS or from this machine (--plain-auth)',
        '2001',
      ]);
      const { webservices } = await suite.api().readLogs();
      assert.match(
        webservices,
        /AUTHENTICATION_REFUSED: %\[usr=2001\]\[client_address=127\.0\.0\.1\]\[reason=Credentials in clear/,
      );
    });
  },
  { plainAuth: false },
);
