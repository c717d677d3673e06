/**
 * The load's SASL client, as cheap as a client can be so that the figures are the server's: PLAIN,
 * SCRAM-SHA-256 / SCRAM-SHA-1 (RFC 7677 / 5802; SaltedPassword computed once per account and salt,
 * as Strophe.js and xmpp.js also keep it) and OAUTHBEARER with a session token (RFC 7628). `post`
 * sends one SASL element in a BOSH body and resolves with the answer's text.
 */
import crypto from 'node:crypto';
import { DOMAIN } from './layout.ts';

export type Mechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-1' | 'OAUTHBEARER';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const HASH = { 'SCRAM-SHA-256': ['sha256', 32], 'SCRAM-SHA-1': ['sha1', 20] } as const;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const salted = new Map<string, Buffer>();

/** The mechanism a client picks among those offered: SCRAM-SHA-256, then SCRAM-SHA-1, then PLAIN. */
export function preferredMechanism(features: string): Mechanism {
  const offered = [...features.matchAll(/<mechanism>([^<]+)<\/mechanism>/g)].map((m) => m[1]);
  return (['SCRAM-SHA-256', 'SCRAM-SHA-1'] as const).find((m) => offered.includes(m)) ?? 'PLAIN';
}

/** Signs `user` in with `secret` (password, or session token for OAUTHBEARER); throws on failure. */
export async function authenticate(
  post: (payload: string) => Promise<string>,
  mechanism: Mechanism,
  user: string,
  secret: string,
): Promise<void> {
  const auth = (data: string) => post(`<auth xmlns="${NS_SASL}" mechanism="${mechanism}">${data}</auth>`);
  if (mechanism === 'PLAIN' || mechanism === 'OAUTHBEARER') {
    const data =
      mechanism === 'PLAIN'
        ? `\u0000${user}\u0000${secret}`
        : `n,a=${user}@${DOMAIN},\u0001auth=Bearer ${secret}\u0001\u0001`;
    const ok = await auth(b64(data));
    if (!ok.includes('<success')) throw new Error(`${mechanism} sign-in of ${user}: ${ok}`);
    return;
  }
  const [hash, bytes] = HASH[mechanism];
  const bare = `n=${user},r=${crypto.randomBytes(18).toString('base64')}`;
  const challenge = await auth(b64(`n,,${bare}`));
  const serverFirst = Buffer.from(/<challenge[^>]*>([^<]*)</.exec(challenge)?.[1] ?? '', 'base64').toString();
  const attrs = Object.fromEntries(serverFirst.split(',').map((kv) => [kv[0], kv.slice(2)]));
  if (!attrs.r || !attrs.s || !attrs.i) throw new Error(`${mechanism} sign-in of ${user}: ${challenge}`);
  const key = `${mechanism} ${user} ${attrs.s} ${attrs.i}`;
  let sp = salted.get(key);
  if (!sp) {
    sp = crypto.pbkdf2Sync(secret, Buffer.from(attrs.s, 'base64'), Number(attrs.i), bytes, hash);
    salted.set(key, sp);
  }
  const hmac = (k: Buffer, d: string) => crypto.createHmac(hash, k).update(d).digest();
  const clientKey = hmac(sp, 'Client Key');
  const storedKey = crypto.createHash(hash).update(clientKey).digest();
  const withoutProof = `c=biws,r=${attrs.r}`;
  const message = `${bare},${serverFirst},${withoutProof}`;
  const signature = hmac(storedKey, message);
  const proof = Buffer.from(clientKey.map((x, i) => x ^ signature[i]));
  const ok = await post(`<response xmlns="${NS_SASL}">${b64(`${withoutProof},p=${b64(proof)}`)}</response>`);
  const verifier = `v=${b64(hmac(hmac(sp, 'Server Key'), message))}`;
  const got = Buffer.from(/<success[^>]*>([^<]*)</.exec(ok)?.[1] ?? '', 'base64').toString();
  if (got !== verifier) throw new Error(`${mechanism} sign-in of ${user}: ${ok}`);
}
