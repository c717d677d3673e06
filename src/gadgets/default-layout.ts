/**
 * The layout every team gets until an administrator saves another (`GET /LayoutConfig/default`
 * on a fresh database): Finesse's default arrangement (spec/gadgets.md §A.3) holding Switchboard's
 * own desktop panels, so that an administrator can move, drop or add to them like Finesse's.
 *
 * The URLs are Finesse's own for these panels; the desktop places its built-in panels wherever a
 * layout names them (src/desktop/app/gadgets/builtins.ts), so a layout copied from Finesse works too.
 */
export const BUILT_IN_GADGETS = {
  /** The agent's state, reason codes and sign-out: the header's voice state control. */
  agentState: '/desktop/scripts/js/agentvoicestate.component.js',
  /** Make a new call (the keypad): a header component in Finesse 12.x. */
  makeCall: '/desktop/scripts/js/makenewcall.component.js',
  /** Who is signed in, and sign-out. */
  identity: '/desktop/scripts/js/identity-component.js',
  /** The calls and their controls (answer, hold, transfer, wrap-up …). */
  callControl: '/desktop/gadgets/CallControl.jsp',
  phoneBook: '/desktop/gadgets/PhoneBook.jsp',
  teamPerformance: '/desktop/gadgets/TeamPerformance.jsp',
  queueStatistics: '/desktop/gadgets/QueueStatistics.jsp',
  clientLog: '/desktop/gadgets/ClientLog.jsp',
} as const;

const g = BUILT_IN_GADGETS;
const gadget = (id: string, url: string, attrs = '') => `<gadget id="${id}"${attrs}>${url}</gadget>`;
/** A tab with its gadgets in one column (`isColumns`: written with `<columns>`, as Finesse's home tabs). */
const tab = (id: string, icon: string, label: string, gadgets: string, isColumns = false) => `
      <tab>
        <id>${id}</id>
        <icon>${icon}</icon>
        <label>${label}</label>
        ${isColumns ? `<columns><column><gadgets>${gadgets}</gadgets></column></columns>` : `<gadgets>${gadgets}</gadgets>`}
      </tab>`;
const component = (id: string, width: string, url: string) => `
      <headercolumn width="${width}">
        <component id="${id}"><url>${url}</url></component>
      </headercolumn>`;
/** One role's layout; `p` prefixes the gadget ids, which are unique across the whole layout. */
const roleLayout = (role: 'Agent' | 'Supervisor', p: string, tabs: string) => `
  <layout>
    <role>${role}</role>
    <page>${gadget(`${p}call-control`, g.callControl)}</page>
    <tabs>${tabs}
      ${tab('phonebook', 'contacts', 'Phone Books', gadget(`${p}phone-book`, g.phoneBook)).trim()}
      ${tab('manageLogs', 'manage-logs', `finesse.container.tabs.${role.toLowerCase()}.manageLogsLabel`, gadget(`${p}client-log`, g.clientLog)).trim()}
    </tabs>
  </layout>`;

export const DEFAULT_LAYOUT_XML = `<finesseLayout xmlns="http://www.cisco.com/vtg/finesse">
  <version>1250.03</version>
  <configs>
    <config key="title" value="Switchboard Agent Desktop"/>
    <config key="enableDragDropAndResizeGadget" value="false"/>
  </configs>
  <header>
    <leftAlignedColumns>${component('agent-voice-state', '300px', g.agentState)}
    </leftAlignedColumns>
    <rightAlignedColumns>${component('make-new-call-component', '50px', g.makeCall)}${component('identity-component', '230px', g.identity)}
    </rightAlignedColumns>
  </header>${roleLayout('Agent', '', tab('home', 'home', 'finesse.container.tabs.agent.homeLabel', gadget('queue-statistics', g.queueStatistics), true))}${roleLayout(
    'Supervisor',
    'supervisor-',
    tab(
      'home',
      'home',
      'finesse.container.tabs.supervisor.homeLabel',
      gadget('team-performance', g.teamPerformance, ' maxRows="10"'),
      true,
    ) +
      tab(
        'queueData',
        'column-chart',
        'finesse.container.tabs.supervisor.queueDataLabel',
        gadget('supervisor-queue-statistics', g.queueStatistics),
      ),
  )}
</finesseLayout>
`;
