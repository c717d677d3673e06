/**
 * The authentication step alone, in the server's process: one SASL exchange replayed through the
 * notification service's SASL negotiation and the product's sign-in service, without BOSH or XML
 * parsing of whole bodies around it. The client's messages are recorded once (with a fixed server
 * nonce, so that SCRAM's proof stays valid when replayed) and sent again `count` times: the CPU
 * measured is the server's side only.
 */
import { addressOf, type SaslAuthority } from '../../src/notify/index.ts';
import { SaslNegotiation } from '../../src/notify/sasl.ts';
import { parseXml, type XmlElement } from '../../src/xml/index.ts';
import { DOMAIN } from './layout.ts';
import { authenticate, type Mechanism } from './sasl-client.ts';

const NONCE = 'bench-server-nonce';
const LINK = { kind: 'BOSH', remoteAddress: '127.0.0.1:40000', isSecure: false };

const negotiation = (authority: SaslAuthority) =>
  new SaslNegotiation({
    domain: DOMAIN,
    authority,
    link: LINK,
    mayUsePlain: () => addressOf(LINK.remoteAddress) === '127.0.0.1',
    serverNonce: () => NONCE,
  });

const element = (xml: string): XmlElement => {
  const r = parseXml(xml);
  if (!r.ok) throw new Error(`not XML: ${xml}`);
  return r.root;
};

/** Server CPU in µs per exchange, over `count` replays of one recorded exchange. */
export async function authCost(
  authority: SaslAuthority,
  mechanism: Mechanism,
  user: string,
  secret: string,
  count: number,
): Promise<number> {
  // Record: the client talks to a negotiation directly; its payloads are kept as parsed elements.
  const sent: XmlElement[] = [];
  const sasl = negotiation(authority);
  await authenticate(
    async (payload) => {
      const node = element(payload);
      sent.push(node);
      const o = await sasl.step(node);
      if (o?.kind === 'challenge') return `<challenge>${o.data ?? ''}</challenge>`;
      if (o?.kind === 'success') return `<success>${o.data ?? ''}</success>`;
      return `<failure>${o?.kind === 'failure' ? o.condition : ''}</failure>`;
    },
    mechanism,
    user,
    secret,
  );
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const replay = negotiation(authority);
    let outcome: Awaited<ReturnType<SaslNegotiation['step']>>;
    for (const node of sent) outcome = await replay.step(node);
    if (outcome?.kind !== 'success') throw new Error(`${mechanism} replay of ${user} failed`);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}
