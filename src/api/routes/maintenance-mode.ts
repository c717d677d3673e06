import { xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { type MaintenanceModeStatus, renderMaintenanceMode } from '../wire/index.ts';
import { admin, notFound, type RouteDeps } from './kit.ts';

/** What the node's maintenance controller (app/maintenance.ts) answers. */
export interface MaintenancePort {
  start(startedBy: string): MaintenanceModeStatus;
  status(): MaintenanceModeStatus | undefined;
}

/**
 * The serviceability resource `MaintenanceMode` (Administrator; answered while the node is out of
 * service, since maintenance puts it there). GET: the status, 404 before any maintenance. PUT
 * (an empty body or `<MaintenanceMode/>`): this node begins its maintenance — its desktops move
 * to the other node, then it stops — 202. *(inferred: Finesse starts maintenance from its
 * console; the guide documents the status only.)*
 */
export function maintenanceModeRoutes(deps: RouteDeps, port: MaintenancePort | undefined): Route[] {
  if (!port) return [];
  return [
    {
      pattern: '/MaintenanceMode',
      apiName: 'maintenanceMode',
      isServiceability: true,
      methods: {
        GET: admin(deps, false, async () => {
          const s = port.status();
          return s ? xmlReply(200, renderMaintenanceMode(s)) : notFound('MaintenanceMode');
        }),
        PUT: admin(deps, false, async (ctx) =>
          xmlReply(202, renderMaintenanceMode(port.start(ctx.caller!.id))),
        ),
      },
    },
  ];
}
