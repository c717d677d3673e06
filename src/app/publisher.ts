import { renderUpdate } from '../api/index.ts';
import type { Publisher, Update } from '../core/index.ts';
import type { WebservicesLog } from '../logs/index.ts';
import type { NotifyServer } from '../notify/index.ts';
import { el } from '../xml/index.ts';

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';

/**
 * The in-process `Publisher`: renders the `<Update>` with the same serializers as the REST API,
 * logs it as the seed's XMPP_PUBLISH_ASYNCHRONOUS line, and hands it to the notification service
 * as the escaped text of a `<notification xmlns="http://jabber.org/protocol/pubsub">` item.
 */
export function createInProcessPublisher(
  notify: NotifyServer,
  log: WebservicesLog,
  /** Told how many sessions each publish reached and how long rendering and hand-off took. */
  onPublished: (deliveries: number, seconds: number) => void = () => {},
): Publisher {
  let thread = 0;
  return {
    publish(node: string, update: Update) {
      const started = performance.now();
      const payload = renderUpdate(update);
      thread = (thread % 10) + 1;
      log.info(
        `pool-5-thread-${thread}`,
        'XMPP_PUBLISH_ASYNCHRONOUS',
        [
          ['NodeId', node],
          ['Payload', payload],
        ],
        'Publishing XMPP Message Asynchronously',
      );
      const { delivered } = notify.pubsub.publish(node, el('notification', { xmlns: NS_PUBSUB }, payload));
      onPublished(delivered, (performance.now() - started) / 1000);
    },
  };
}
