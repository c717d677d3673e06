import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';

/** The debug switches of one node (`/finesse/api/Logging`, Switchboard's extension). */
export interface LoggingState {
  webservicesDebug: boolean;
  notificationDebug: boolean;
}

/** `<Logging><webservicesDebug/><notificationDebug/></Logging>`, the one serializer of that document. */
export function buildLogging(state: LoggingState): XmlElement {
  return el(
    'Logging',
    {},
    field('webservicesDebug', state.webservicesDebug),
    field('notificationDebug', state.notificationDebug),
  );
}

export function renderLogging(state: LoggingState): string {
  return buildLogging(state).toString();
}
