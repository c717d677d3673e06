import type { Logs } from '../../logs/index.ts';
import { errorReply, type Reply, xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderLogging } from '../wire/index.ts';
import { admin, BodyReader, type RouteDeps, readXml } from './kit.ts';

/** What `GET|PUT /finesse/api/Logging` switches; see loggingRoutes. */
export interface LoggingOptions {
  logs: Logs;
  /**
   * Switches the notification service's debug.log. The app passes the notification service's own
   * switch (which also records the change in info.log); without one the flag is flipped here.
   */
  setNotificationDebug?: (on: boolean) => void;
}

const render = (logs: Logs) =>
  renderLogging({
    webservicesDebug: logs.webservices.debugEnabled,
    notificationDebug: logs.notifyDebug.enabled,
  });

/**
 * `GET|PUT /Logging` — Switchboard's extension, not a Finesse API: what `utils finesse
 * notification logging enable|disable` (and Tomcat's log level) do on a Finesse node's console,
 * without a restart and over REST, so that `switchboard notification logging …` and the admin
 * page can do it remotely. Body: `<Logging><webservicesDebug>true|false</webservicesDebug>
 * <notificationDebug>true|false</notificationDebug></Logging>`; a PUT may name only the switch it
 * changes and answers 200 with the whole document. Administrator only. It is per node (each node
 * has its own logs), so unlike the config APIs it is allowed on the secondary node too, and it is
 * not stored: a restart goes back to the configured defaults, as on Finesse.
 */
export function loggingRoutes(deps: RouteDeps, opts: LoggingOptions): Route[] {
  const { logs } = opts;
  const setNotify =
    opts.setNotificationDebug ??
    ((on: boolean) => {
      if (logs.notifyDebug.enabled === on) return;
      logs.notifyDebug.enabled = on;
      logs.notifyInfo.write(`Notification service debug logging ${on ? 'enabled' : 'disabled'}`);
    });
  return [
    {
      pattern: '/Logging',
      apiName: 'logging',
      methods: {
        GET: admin(deps, false, async () => xmlReply(200, render(logs))),
        PUT: admin(deps, false, async (ctx): Promise<Reply | undefined> => {
          const body = await readXml(ctx, 'Logging');
          if (!body) return undefined;
          if (!body.ok) return body.error;
          const read = new BodyReader(body.value);
          const ws = read.bool('webservicesDebug');
          const notify = read.bool('notificationDebug');
          if (read.error) return errorReply(read.error);
          const who = ctx.caller?.id ?? '';
          if (ws !== undefined && ws !== logs.webservices.debugEnabled) {
            // Written while debug is still on, or already on: INFO, so that it is there either way.
            logs.webservices.debugEnabled = ws;
            logs.webservices.info(
              'http-logging',
              'LOGGING_LEVEL_CHANGED',
              [
                ['usr', who],
                ['webservices_debug', ws],
              ],
              `Webservices debug logging ${ws ? 'enabled' : 'disabled'}`,
            );
          }
          if (notify !== undefined && notify !== logs.notifyDebug.enabled) {
            setNotify(notify);
            logs.webservices.info(
              'http-logging',
              'LOGGING_LEVEL_CHANGED',
              [
                ['usr', who],
                ['notification_debug', notify],
              ],
              `Notification service debug logging ${notify ? 'enabled' : 'disabled'}`,
            );
          }
          return xmlReply(200, render(logs));
        }),
      },
    },
  ];
}
