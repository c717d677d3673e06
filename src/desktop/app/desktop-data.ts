/**
 * What the pages show, as one immutable snapshot, and the small pure helpers around it. The
 * session produces it; components only read it (they import nothing that does I/O).
 */
import type {
  ApiError,
  Contact,
  Dialog,
  MediaLayout,
  PhoneBook,
  QueueStats,
  ReasonCode,
  SystemInfo,
  TeamMessage,
  TeamUser,
  User,
  WrapUpReason,
} from './client/models.ts';

/**
 * 'disconnected' while notifications cannot arrive and the desktop looks for a server (the red
 * banner); 'replaced' when a sign-in elsewhere took the session over (it stops trying).
 */
export type ConnectionStatus = 'connected' | 'disconnected' | 'replaced';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface TeamView {
  id: string;
  name: string;
  users: TeamUser[];
  /** The server could not list the team (no Team API, or an error): say so rather than "0 agents". */
  unavailable?: boolean;
}

export interface PhoneBookView {
  book: PhoneBook;
  contacts: Contact[];
}

/** Everything the pages show. Replaced (not mutated) on each change, so components can compare. */
export interface DesktopData {
  phase: 'signed-out' | 'signing-in' | 'signed-in';
  signInError: string;
  connection: ConnectionStatus;
  server: string;
  user: User | undefined;
  dialogs: Dialog[];
  notReadyReasons: ReasonCode[];
  logoutReasons: ReasonCode[];
  wrapUpReasons: WrapUpReason[];
  /** undefined: this server has no PhoneBooks API (the panel hides). */
  phoneBooks: PhoneBookView[] | undefined;
  teams: TeamView[];
  /** undefined: no queue statistics on this server. */
  queues: QueueStats[] | undefined;
  notices: Notice[];
  /** Server minus client clock, for time-in-state. */
  driftMs: number;
  /** The node's SystemInfo from sign-in (XMPP domains for the gadgets' prefs). */
  systemInfo: SystemInfo | undefined;
  /** The team's MediaPropertiesLayout; undefined: calls show their variables as they come. */
  layout: MediaLayout | undefined;
  /** Team messages to the user's team (expired ones are left out when shown). */
  teamMessages: TeamMessage[];
}

export const EMPTY: DesktopData = {
  phase: 'signed-out',
  signInError: '',
  connection: 'connected',
  server: '',
  user: undefined,
  dialogs: [],
  notReadyReasons: [],
  logoutReasons: [],
  wrapUpReasons: [],
  phoneBooks: undefined,
  teams: [],
  queues: undefined,
  notices: [],
  driftMs: 0,
  layout: undefined,
  teamMessages: [],
  systemInfo: undefined,
};

export const describeErrors = (errors: ApiError[], status: number) =>
  errors.length > 0
    ? errors
        .map(
          (e) =>
            [e.errorType, e.errorMessage].filter(Boolean).join(': ') +
            (e.peripheralErrorCode ? ` (peripheral error ${e.peripheralErrorCode})` : ''),
        )
        .join('; ')
    : status === 0
      ? 'no answer from the server'
      : `HTTP ${status}`;

export const isAgent = (u: User | undefined) => !!u?.roles.includes('Agent');
export const isSupervisor = (u: User | undefined) => !!u?.roles.includes('Supervisor');
export const isAdmin = (u: User | undefined) => !!u?.roles.includes('Administrator');
