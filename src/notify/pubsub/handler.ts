/** Pubsub iqs (XEP-0060) ↔ `PubsubService` calls, plus disco on the pubsub service (XEP-0030). */
import { el, type XmlElement } from '../../xml/index.ts';
import type { IqRegistry, IqReply, IqRequest } from '../iq-registry.ts';
import { NS } from '../namespaces.ts';
import type { NotifierContext } from './notifier.ts';
import { deliverItem } from './notifier.ts';
import type { PubsubService, Result, Subscription } from './service.ts';

// XEP-0060 §10: what we announce in disco#info.
const FEATURES = [
  'create-nodes',
  'publish',
  'subscribe',
  'retrieve-items',
  'retrieve-subscriptions',
  'presence-notifications',
];

function reply<T>(r: Result<T>, payload?: (v: T) => XmlElement | undefined): IqReply {
  return r.ok ? { ok: true, payload: payload?.(r.value) } : { ok: false, error: r.error, text: r.text };
}

function pubsub(...children: XmlElement[]): XmlElement {
  return el('pubsub', { xmlns: NS.pubsub }, ...children);
}

function subscriptionElement(s: Subscription): XmlElement {
  return el('subscription', { node: s.node, jid: s.jid, subid: s.subid, subscription: 'subscribed' });
}

export function registerPubsubIq(iq: IqRegistry, service: PubsubService, notifier: NotifierContext): void {
  iq.register('pubsub', 'set', NS.pubsub, 'pubsub', (req) => onSet(req, service, notifier));
  iq.register('pubsub', 'get', NS.pubsub, 'pubsub', (req) => onGet(req, service));
  iq.register('pubsub', 'get', NS.discoInfo, 'query', async ({ payload, from }) => {
    const node = payload.attr('node');
    if (node !== undefined) {
      // A node one may not read is as absent as one that does not exist: no probing for user ids.
      if (!(await service.authorizeRead(node, from)).ok) return { ok: false, error: 'item-not-found' };
      return {
        ok: true,
        payload: el(
          'query',
          { xmlns: NS.discoInfo, node },
          el('identity', { category: 'pubsub', type: 'leaf' }),
          el('feature', { var: NS.pubsub }),
        ),
      };
    }
    return {
      ok: true,
      payload: el(
        'query',
        { xmlns: NS.discoInfo },
        el('identity', { category: 'pubsub', type: 'service', name: 'Publish-Subscribe service' }),
        ...[NS.discoInfo, NS.discoItems, NS.pubsub].map((v) => el('feature', { var: v })),
        ...FEATURES.map((f) => el('feature', { var: `${NS.pubsub}#${f}` })),
      ),
    };
  });
  // XEP-0060 §5.2: the nodes, as the Pidgin example of the BOSH technote lists them — those the
  // requester may read (XEP-0030 §7 lets a service answer each requester differently; #12).
  iq.register('pubsub', 'get', NS.discoItems, 'query', async ({ payload, iq: request, from }) => {
    const node = payload.attr('node');
    const jid = request.attr('to') ?? '';
    if (node === undefined) {
      const nodes = await service.readableNodes(from);
      return {
        ok: true,
        payload: el('query', { xmlns: NS.discoItems }, ...nodes.map((n) => el('item', { jid, node: n }))),
      };
    }
    if (!(await service.authorizeRead(node, from)).ok) return { ok: false, error: 'item-not-found' };
    const last = service.lastItem(node);
    return {
      ok: true,
      payload: el('query', { xmlns: NS.discoItems, node }, last && el('item', { jid, name: last.id })),
    };
  });
  // No owner use cases (configure, purge, delete, affiliations) — XEP-0060 §8.
  for (const type of ['get', 'set'] as const) {
    iq.register('pubsub', type, NS.pubsubOwner, 'pubsub', () => ({
      ok: false,
      error: 'pubsub-unsupported',
      text: 'config-node',
    }));
  }
}

async function onSet(req: IqRequest, service: PubsubService, notifier: NotifierContext): Promise<IqReply> {
  const action = req.payload.elements()[0];
  if (!action) return { ok: false, error: 'bad-request' };
  const node = action.attr('node');
  if (action.local === 'create') {
    if (node === undefined) return { ok: false, error: 'nodeid-required' };
    return reply(service.createNode(node, req.from));
  }
  if (node === undefined) return { ok: false, error: 'nodeid-required' };
  switch (action.local) {
    case 'subscribe': {
      const jid = action.attr('jid');
      if (jid === undefined) return { ok: false, error: 'jid-required' };
      const allowed = await service.authorizeSubscribe(node, jid, req.from);
      if (!allowed.ok) return reply(allowed);
      // XEP-0060 §6.1.2: the result reports the subscription.
      return { ok: true, payload: pubsub(subscriptionElement(service.subscribe(node, allowed.value))) };
    }
    case 'unsubscribe': {
      const jid = action.attr('jid');
      if (jid === undefined) return { ok: false, error: 'jid-required' };
      return reply(service.unsubscribe(node, jid, req.from));
    }
    case 'publish': {
      const item = action.getChild('item');
      const payload = item?.elements()[0];
      if (!item || !payload) return { ok: false, error: 'payload-required' };
      const published = service.publish(node, payload, item.attr('id'), req.from);
      if (!published.ok) return reply(published);
      deliverItem(notifier, node, published.value.item, published.value.subscriptions);
      // XEP-0060 §7.1.2: the result echoes the item id.
      return {
        ok: true,
        payload: pubsub(el('publish', { node }, el('item', { id: published.value.item.id }))),
      };
    }
    default:
      return { ok: false, error: 'pubsub-unsupported', text: action.local };
  }
}

async function onGet(req: IqRequest, service: PubsubService): Promise<IqReply> {
  const action = req.payload.elements()[0];
  if (!action) return { ok: false, error: 'bad-request' };
  const node = action.attr('node');
  if (action.local === 'subscriptions') {
    // XEP-0060 §5.6: the requester's own subscriptions (every resource of the account).
    const subs = service.subscriptionsOf(req.from.bare, node);
    return {
      ok: true,
      payload: pubsub(
        el('subscriptions', node === undefined ? {} : { node }, ...subs.map(subscriptionElement)),
      ),
    };
  }
  if (action.local === 'items') {
    if (node === undefined) return { ok: false, error: 'nodeid-required' };
    const allowed = await service.authorizeRead(node, req.from);
    if (!allowed.ok) return reply(allowed);
    // XEP-0060 §6.5: only the last item is kept.
    const last = service.lastItem(node);
    return {
      ok: true,
      payload: pubsub(el('items', { node }, last && el('item', { id: last.id }, last.payload))),
    };
  }
  return { ok: false, error: 'pubsub-unsupported', text: action.local };
}
