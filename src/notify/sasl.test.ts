/**
 * SASL mechanisms step by step (in process): the SCRAM exchanges of RFC 7677 §3 and RFC 5802 §5
 * replayed byte for byte, their failure cases, and OAUTHBEARER (RFC 7628).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveScramKeys, type ScramMechanism } from '../auth/index.ts';
import { parseXml, type XmlElement } from '../xml/index.ts';
import { NS } from './namespaces.ts';
import { SaslNegotiation, type SaslOutcome } from './sasl.ts';
import type { SaslAuthority, SaslVerdict } from './sasl-authority.ts';
import { parseClientFirst } from './sasl-scram.ts';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');
const node = (xml: string): XmlElement => {
  const r = parseXml(xml);
  if (!r.ok) throw new Error(xml);
  return r.root;
};
const auth = (mechanism: string, data: string) =>
  node(`<auth xmlns="${NS.sasl}" mechanism="${mechanism}">${data}</auth>`);
const response = (data: string) => node(`<response xmlns="${NS.sasl}">${data}</response>`);

const RFC: Record<
  ScramMechanism,
  {
    salt: string;
    clientFirst: string;
    serverNonce: string;
    serverFirst: string;
    clientFinal: string;
    serverFinal: string;
  }
> = {
  'SCRAM-SHA-256': {
    salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
    clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
    serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
    serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
    clientFinal:
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
  },
  'SCRAM-SHA-1': {
    salt: 'QSXCR+Q6sek8bf92',
    clientFirst: 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL',
    serverNonce: '3rfcNHYJY1ZVvWVs7j',
    serverFirst: 'r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096',
    clientFinal: 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
    serverFinal: 'v=rmF9pqV8S7suAoZWja4dJRkFsKQ=',
  },
};

/** An authority that knows "user" with password "pencil" at the RFC's salt, and records outcomes. */
function rfcAuthority(m: ScramMechanism) {
  const results: boolean[] = [];
  const tokens: string[] = [];
  const authority: SaslAuthority = {
    mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN', 'OAUTHBEARER'],
    plain: async (u, p) =>
      u === 'user' && p === 'pencil'
        ? { ok: true }
        : { ok: false, condition: 'not-authorized', reason: 'wrong password' },
    async scram(username) {
      const keys = await deriveScramKeys(
        username === 'user' ? 'pencil' : 'x',
        m,
        4096,
        Buffer.from(RFC[m].salt, 'base64'),
      );
      return {
        ok: true,
        keys,
        finish: async (valid): Promise<SaslVerdict> => {
          results.push(valid);
          return valid
            ? { ok: true }
            : { ok: false, condition: 'not-authorized', reason: 'wrong password (SCRAM proof)' };
        },
      };
    },
    async bearer(username, token) {
      tokens.push(token);
      return token === 'good.token'
        ? { ok: true, username: username ?? 'user' }
        : { ok: false, condition: 'not-authorized', reason: 'invalid token' };
    },
  };
  return { authority, results, tokens };
}

function negotiation(authority: SaslAuthority, serverNonce?: string, mayUsePlain = true) {
  return new SaslNegotiation({
    domain: 'localhost',
    authority,
    link: { kind: 'TCP', remoteAddress: '127.0.0.1:5000', isSecure: false },
    mayUsePlain: () => mayUsePlain,
    serverNonce: serverNonce === undefined ? undefined : () => serverNonce,
  });
}

const failure = (o: SaslOutcome | undefined) => (o?.kind === 'failure' ? o.condition : o?.kind);

describe('SCRAM (RFC 5802, RFC 7677)', () => {
  for (const m of ['SCRAM-SHA-256', 'SCRAM-SHA-1'] as const) {
    const v = RFC[m];
    it(`replays the ${m} example exchange of its RFC byte for byte`, async () => {
      const { authority, results } = rfcAuthority(m);
      const sasl = negotiation(authority, v.serverNonce);
      const challenge = await sasl.step(auth(m, b64(v.clientFirst)));
      assert.equal(challenge?.kind, 'challenge');
      assert.equal(unb64(challenge?.kind === 'challenge' ? challenge.data : ''), v.serverFirst);
      const success = await sasl.step(response(b64(v.clientFinal)));
      assert.equal(success?.kind, 'success');
      assert.equal(
        unb64(success?.kind === 'success' ? success.data : ''),
        v.serverFinal,
        'server signature in <success/>',
      );
      assert.equal(success?.kind === 'success' && success.user.bare, 'user@localhost');
      assert.deepEqual(results, [true]);
    });

    it(`refuses a wrong ${m} proof, a foreign nonce and a channel binding mismatch`, async () => {
      const { authority, results } = rfcAuthority(m);
      const wrongProof = v.clientFinal.replace(
        /p=.*/,
        `p=${Buffer.alloc(m === 'SCRAM-SHA-1' ? 20 : 32).toString('base64')}`,
      );
      let sasl = negotiation(authority, v.serverNonce);
      await sasl.step(auth(m, b64(v.clientFirst)));
      const refused = await sasl.step(response(b64(wrongProof)));
      assert.equal(failure(refused), 'not-authorized');
      assert.equal(refused?.kind === 'failure' && refused.reason, 'wrong password (SCRAM proof)');
      assert.deepEqual(results, [false], 'counted as a wrong password');
      for (const bad of [
        v.clientFinal.replace(/r=[^,]*/, 'r=someone-elses'),
        v.clientFinal.replace('c=biws', 'c=eSws'),
      ]) {
        sasl = negotiation(authority, v.serverNonce);
        await sasl.step(auth(m, b64(v.clientFirst)));
        assert.equal(failure(await sasl.step(response(b64(bad)))), 'malformed-request', bad);
      }
    });
  }

  it('accepts a client that could bind channels but thinks we cannot (y), and refuses one that asks (p=)', async () => {
    const { authority } = rfcAuthority('SCRAM-SHA-256');
    const sasl = negotiation(authority, 'n0nce');
    const challenge = await sasl.step(auth('SCRAM-SHA-256', b64('y,,n=user,r=abc')));
    assert.equal(challenge?.kind, 'challenge');
    const p = await negotiation(authority).step(auth('SCRAM-SHA-256', b64('p=tls-exporter,,n=user,r=abc')));
    assert.equal(failure(p), 'malformed-request');
    assert.match(p?.kind === 'failure' ? (p.text ?? '') : '', /channel binding/);
  });

  it('parses saslnames and refuses malformed first messages', () => {
    const ok = parseClientFirst('n,a=us=2Cer,n=a=3Db,r=xyz');
    assert.ok(ok.ok);
    assert.equal(ok.value.username, 'a=b');
    assert.equal(ok.value.authzid, 'us,er');
    assert.equal(ok.value.gs2Header, 'n,a=us=2Cer,');
    for (const bad of [
      '',
      'x,,n=u,r=1',
      'n,,r=1',
      'n,,n=u',
      'n,,m=ext,n=u,r=1',
      'n,,n=bad=name,r=1',
      'n,,n=u,r=a,b',
    ])
      assert.equal(parseClientFirst(bad).ok, bad === 'n,,n=u,r=a,b', bad);
  });

  it('takes the client-first message after an empty challenge, and needs TLS where the policy says so', async () => {
    const { authority } = rfcAuthority('SCRAM-SHA-1');
    const sasl = negotiation(authority, RFC['SCRAM-SHA-1'].serverNonce);
    assert.equal(
      (await sasl.step(node(`<auth xmlns="${NS.sasl}" mechanism="SCRAM-SHA-1"/>`)))?.kind,
      'challenge',
    );
    const second = await sasl.step(response(b64(RFC['SCRAM-SHA-1'].clientFirst)));
    assert.equal(unb64(second?.kind === 'challenge' ? second.data : ''), RFC['SCRAM-SHA-1'].serverFirst);
    const closed = negotiation(authority, undefined, false);
    assert.equal(
      failure(await closed.step(auth('SCRAM-SHA-256', b64('n,,n=user,r=abc')))),
      'encryption-required',
    );
    assert.equal(
      failure(await negotiation(authority).step(auth('SCRAM-SHA-512', b64('n,,n=user,r=abc')))),
      'invalid-mechanism',
    );
  });
});

describe('OAUTHBEARER (RFC 7628)', () => {
  const message = (token: string, authzid = 'user@localhost') =>
    b64(`n,a=${authzid},\u0001auth=Bearer ${token}\u0001\u0001`);

  it('signs in with a good token, as the user the token names', async () => {
    const { authority, tokens } = rfcAuthority('SCRAM-SHA-256');
    const ok = await negotiation(authority).step(auth('OAUTHBEARER', message('good.token')));
    assert.equal(ok?.kind === 'success' && ok.user.bare, 'user@localhost');
    assert.equal(ok?.kind === 'success' && ok.mechanism, 'OAUTHBEARER');
    assert.deepEqual(tokens, ['good.token']);
  });

  it('answers a bad token with the error challenge, then fails once the client answers it', async () => {
    const { authority } = rfcAuthority('SCRAM-SHA-256');
    const sasl = negotiation(authority);
    const challenge = await sasl.step(auth('OAUTHBEARER', message('bad.token')));
    assert.equal(challenge?.kind, 'challenge');
    assert.deepEqual(JSON.parse(unb64(challenge?.kind === 'challenge' ? challenge.data : '')), {
      status: 'invalid_token',
    });
    const refused = await sasl.step(response(b64('\u0001')));
    assert.equal(failure(refused), 'not-authorized');
    assert.equal(refused?.kind === 'failure' && refused.reason, 'invalid token');
    assert.equal(
      failure(await negotiation(authority).step(auth('OAUTHBEARER', b64('n,,auth=nothing')))),
      'malformed-request',
    );
  });
});
