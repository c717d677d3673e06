/**
 * The layout every team gets until an administrator saves another (`GET /LayoutConfig/default`
 * on a fresh database), and the one the desktop falls back on when it can use none
 * (src/desktop/app/gadgets/layout-source.ts): Finesse's default arrangement (spec/gadgets.md §A.3)
 * holding Switchboard's own desktop panels, so that an administrator can move, drop or add to them
 * like Finesse's.
 *
 * As in Finesse, call control is a page-level gadget (above the tabs, so a call stays in view
 * whichever tab is open), an agent's Home tab holds what an agent works with (Finesse: queue
 * statistics; here also making a call and the phone books) and a supervisor's Home tab the team.
 * Finesse's header make-call component is a small dial-pad popover; ours is a full keypad card,
 * so the default places it in Home rather than in the header. Finesse's tabs Switchboard has no
 * panel for (My Statistics, My History, Manage Customer) are left out rather than shown empty.
 *
 * The URLs are Finesse's own for these panels; the desktop places its built-in panels wherever a
 * layout names them (src/desktop/app/gadgets/builtins.ts), so a layout copied from Finesse works too.
 */
export const BUILT_IN_GADGETS = {
  /** The agent's state, reason codes and sign-out: the header's voice state control. */
  agentState: '/desktop/scripts/js/agentvoicestate.component.js',
  /** Make a new call (number and keypad). */
  makeCall: '/desktop/scripts/js/makenewcall.component.js',
  /** The calls and their controls (answer, hold, transfer, wrap-up …). */
  callControl: '/desktop/scripts/js/callcontrol.js',
  phoneBook: '/desktop/scripts/js/phonebook.js',
  teamPerformance: '/desktop/scripts/js/teamPerformance.js',
  queueStatistics: '/desktop/scripts/js/queueStatistics.js',
  clientLog: '/desktop/scripts/js/clientlog.js',
} as const;

const g = BUILT_IN_GADGETS;
const gadget = (id: string, url: string, attrs = '') => `<gadget id="${id}"${attrs}>${url}</gadget>`;
/** A tab whose columns each hold the gadgets given (written with `<columns>`, as Finesse's). */
const tab = (id: string, icon: string, label: string, ...columns: string[]) => `
      <tab>
        <id>${id}</id>
        <icon>${icon}</icon>
        <label>${label}</label>
        <columns>${columns.map((c) => `<column><gadgets>${c}</gadgets></column>`).join('')}</columns>
      </tab>`;
/** One role's layout; `p` prefixes the gadget ids, which are unique across the whole layout. */
const roleLayout = (role: 'Agent' | 'Supervisor', p: string, tabs: string) => `
  <layout>
    <role>${role}</role>
    <page>${gadget(`${p}call-control`, g.callControl)}</page>
    <tabs>${tabs}${tab('manageLogs', 'manage-logs', `finesse.container.tabs.${role.toLowerCase()}.manageLogsLabel`, gadget(`${p}client-log`, g.clientLog))}
    </tabs>
  </layout>`;

const agentHome = tab(
  'home',
  'home',
  'finesse.container.tabs.agent.homeLabel',
  gadget('queue-statistics', g.queueStatistics) + gadget('phone-book', g.phoneBook),
  gadget('make-call', g.makeCall),
);
const supervisorHome = tab(
  'home',
  'home',
  'finesse.container.tabs.supervisor.homeLabel',
  gadget('team-performance', g.teamPerformance, ' maxRows="10"') +
    gadget('supervisor-queue-statistics', g.queueStatistics),
);

export const DEFAULT_LAYOUT_XML = `<finesseLayout xmlns="http://www.cisco.com/vtg/finesse">
  <version>1250.03</version>
  <configs>
    <config key="title" value="Switchboard Agent Desktop"/>
    <config key="enableDragDropAndResizeGadget" value="false"/>
  </configs>
  <header>
    <leftAlignedColumns>
      <headercolumn width="300px">
        <component id="agent-voice-state"><url>${g.agentState}</url></component>
      </headercolumn>
    </leftAlignedColumns>
  </header>${roleLayout('Agent', '', agentHome)}${roleLayout('Supervisor', 'supervisor-', supervisorHome)}
</finesseLayout>
`;
