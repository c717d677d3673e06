/** The server's own iq features: XEP-0199 ping, XEP-0030 disco, the legacy session iq, roster. */
import { el } from '../xml/index.ts';
import type { IqRegistry } from './iq-registry.ts';
import { NS } from './namespaces.ts';

export function registerServerIq(iq: IqRegistry, pubsubDomain: string): void {
  // XEP-0199 §4.2: a ping to the server gets an empty result.
  iq.register('server', 'get', NS.ping, 'ping', () => ({ ok: true }));
  iq.register('pubsub', 'get', NS.ping, 'ping', () => ({ ok: true }));

  // RFC 3921 §3: older Strophe/Finesse clients still send it; RFC 6121 made it a no-op.
  iq.register('server', 'set', NS.session, 'session', () => ({ ok: true }));

  // XEP-0030 §3.1: who we are; the pubsub service is announced as an item (§4.1).
  iq.register('server', 'get', NS.discoInfo, 'query', ({ payload }) => {
    if (payload.attr('node') !== undefined) return { ok: false, error: 'item-not-found' };
    return {
      ok: true,
      payload: el(
        'query',
        { xmlns: NS.discoInfo },
        el('identity', { category: 'server', type: 'im', name: 'Switchboard' }),
        ...[NS.discoInfo, NS.discoItems, NS.ping, NS.session].map((v) => el('feature', { var: v })),
      ),
    };
  });
  iq.register('server', 'get', NS.discoItems, 'query', ({ payload }) => {
    if (payload.attr('node') !== undefined) return { ok: false, error: 'item-not-found' };
    return {
      ok: true,
      payload: el(
        'query',
        { xmlns: NS.discoItems },
        el('item', { jid: pubsubDomain, name: 'Publish-Subscribe' }),
      ),
    };
  });

  // RFC 6121 §2.1.3: there is no roster here, but desktop clients (Pidgin, per the BOSH technote)
  // ask for one at login and handle an empty one best.
  iq.register('server', 'get', NS.roster, 'query', () => ({
    ok: true,
    payload: el('query', { xmlns: NS.roster }),
  }));
}
