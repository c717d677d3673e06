import { el } from '../../xml/index.ts';
import { field } from './field.ts';

/** What a node in (or after) maintenance reports: Finesse's MaintenanceMode API parameters. */
export interface MaintenanceModeStatus {
  status: string;
  usersLoggedIn: { desktop: number; fippa: number; thirdpartyclients: number };
  pendingUserDisconnections: number;
  estimatedCompletionTime: number;
}

/** `<MaintenanceMode>` in the order of the developer guide's "Finesse MaintenanceMode API Parameters". */
export function renderMaintenanceMode(s: MaintenanceModeStatus): string {
  return el(
    'MaintenanceMode',
    {},
    field('status', s.status),
    el(
      'usersLoggedIn',
      {},
      field('desktop', s.usersLoggedIn.desktop),
      field('fippa', s.usersLoggedIn.fippa),
      field('thirdpartyclients', s.usersLoggedIn.thirdpartyclients),
    ),
    field('pendingUserDisconnections', s.pendingUserDisconnections),
    field('estimatedCompletionTime', s.estimatedCompletionTime),
  ).toString();
}
