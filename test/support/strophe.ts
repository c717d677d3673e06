/**
 * Strophe.js — the Finesse desktop's XMPP library — signed on as a desktop does: connect (SASL
 * PLAIN, bind), initial presence with priority 0, then a ping round trip so the presence is known
 * to have been processed before the test goes on (events only reach available sessions).
 */
import { $iq, $pres, connectStrophe, type StropheClient } from '../../src/notify/testing/strophe.ts';

export type { PubsubEvent, StropheClient } from '../../src/notify/testing/strophe.ts';
export { $iq, $pres, connectStrophe, Strophe } from '../../src/notify/testing/strophe.ts';

export interface StropheSession extends StropheClient {
  jid: string;
}

export async function signOnStrophe(service: string, jid: string, password: string): Promise<StropheSession> {
  const client = await connectStrophe(service, jid, password);
  client.conn.send($pres().c('priority').t('0'));
  await client.iq(
    $iq({ type: 'get', to: jid.split('@')[1].split('/')[0] }).c('ping', { xmlns: 'urn:xmpp:ping' }),
  );
  return Object.assign(client, { jid: client.conn.jid as string });
}
