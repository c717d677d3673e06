/**
 * The desktop's own panels as layout gadgets: each URL a layout may name for one of them, declared
 * once. Finesse's URLs for its built-in gadgets and components (12.x `/desktop/scripts/js/…`,
 * older `/desktop/gadgets/….jsp`) place ours, so a layout copied from Finesse keeps working.
 * Built-ins are rendered in the page (they are the desktop's components, fed its data), not in
 * iframes, and carry their own headings: they get no title bar.
 */

export type BuiltinPanel = 'header' | 'calls' | 'makeCall' | 'phonebook' | 'team' | 'queues' | 'log';

interface Builtin {
  panel: BuiltinPanel;
  /** Paths a layout may use for it; the first is the one the default layout uses. */
  paths: readonly string[];
  what: string;
}

export const BUILTINS: readonly Builtin[] = [
  {
    panel: 'header',
    paths: ['/desktop/scripts/js/agentvoicestate.component.js'],
    what: 'the agent state header: name, extension, state, Ready / Not Ready / Sign Out',
  },
  {
    panel: 'calls',
    paths: ['/desktop/scripts/js/callcontrol.js', '/desktop/gadgets/CallControl.jsp'],
    what: 'call control: one card per call with its actions, wrap-up',
  },
  {
    panel: 'makeCall',
    paths: ['/desktop/scripts/js/makecall.js', '/desktop/scripts/js/makenewcall.component.js'],
    what: 'make a call: number and keypad',
  },
  {
    panel: 'phonebook',
    paths: ['/desktop/scripts/js/phonebook.js', '/desktop/gadgets/PhoneBook.jsp'],
    what: 'phone books with search',
  },
  {
    panel: 'team',
    paths: ['/desktop/scripts/js/teamPerformance.js', '/desktop/gadgets/TeamPerformance.jsp'],
    what: "team performance: the supervisor's agents live, state changes, monitor and barge-in",
  },
  {
    panel: 'queues',
    paths: ['/desktop/scripts/js/queueStatistics.js', '/desktop/gadgets/QueueStatistics.jsp'],
    what: 'queue statistics',
  },
  {
    panel: 'log',
    paths: ['/desktop/scripts/js/clientlog.js', '/desktop/gadgets/ClientLog.jsp'],
    what: "this desktop's client log",
  },
];

/**
 * Finesse components Switchboard has no equivalent for (yet). A layout naming them is valid;
 * they are left out with a client-log line instead of showing as a broken gadget.
 */
export const ABSENT_FINESSE_COMPONENTS: readonly string[] = [
  '/desktop/scripts/js/logo.js',
  '/desktop/scripts/js/nonvoice-state-menu.component.js',
  '/desktop/scripts/js/teammessage.component.js',
  '/desktop/scripts/js/chat.component.js',
  '/desktop/scripts/js/identity-component.js',
];

const byPath = new Map(BUILTINS.flatMap((b) => b.paths.map((p) => [p, b.panel] as const)));

/** The built-in panel a layout URL names (its query string and this node's origin ignored). */
export function builtinFor(url: string, origin: string): BuiltinPanel | 'absent' | undefined {
  let path: string;
  try {
    const u = new URL(url, origin);
    if (u.origin !== origin) return undefined;
    path = u.pathname;
  } catch {
    return undefined;
  }
  if (ABSENT_FINESSE_COMPONENTS.includes(path)) return 'absent';
  return byPath.get(path);
}
