import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';

/** The debug switches of one node (`/finesse/api/Logging`, Switchboard's extension). */
export interface LoggingState {
  webservicesDebug: boolean;
  notificationDebug: boolean;
}

/**
 * `<Logging><webservicesDebug/><notificationDebug/></Logging>`, the one serializer of that document.
 * A PUT may name one switch only (the CLI does), so either may be left out.
 */
export function buildLogging(state: Partial<LoggingState>): XmlElement {
  return el(
    'Logging',
    {},
    state.webservicesDebug !== undefined && field('webservicesDebug', state.webservicesDebug),
    state.notificationDebug !== undefined && field('notificationDebug', state.notificationDebug),
  );
}

export function renderLogging(state: Partial<LoggingState>): string {
  return buildLogging(state).toString();
}
