/**
 * The layout every team gets until an administrator saves another (`GET /LayoutConfig/default`
 * on a fresh database): Finesse's default arrangement (spec/gadgets.md §A.3) holding Switchboard's
 * own desktop panels, so that an administrator can move, drop or add to them like Finesse's.
 *
 * The URLs name the desktop's built-in panels (src/desktop): one entry per panel in
 * `BUILT_IN_GADGETS`, the one place to change when the desktop renames one.
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

export const DEFAULT_LAYOUT_XML = `<finesseLayout xmlns="http://www.cisco.com/vtg/finesse">
  <version>1250.03</version>
  <configs>
    <config key="title" value="Switchboard Agent Desktop"/>
    <config key="enableDragDropAndResizeGadget" value="false"/>
  </configs>
  <header>
    <leftAlignedColumns>
      <headercolumn width="300px">
        <component id="agent-voice-state">
          <url>${g.agentState}</url>
        </component>
      </headercolumn>
    </leftAlignedColumns>
    <rightAlignedColumns>
      <headercolumn width="50px">
        <component id="make-new-call-component">
          <url>${g.makeCall}</url>
        </component>
      </headercolumn>
      <headercolumn width="230px">
        <component id="identity-component">
          <url>${g.identity}</url>
        </component>
      </headercolumn>
    </rightAlignedColumns>
  </header>
  <layout>
    <role>Agent</role>
    <page>
      <gadget id="call-control">${g.callControl}</gadget>
    </page>
    <tabs>
      <tab>
        <id>home</id>
        <icon>home</icon>
        <label>finesse.container.tabs.agent.homeLabel</label>
        <columns>
          <column>
            <gadgets>
              <gadget id="queue-statistics">${g.queueStatistics}</gadget>
            </gadgets>
          </column>
        </columns>
      </tab>
      <tab>
        <id>phonebook</id>
        <icon>contacts</icon>
        <label>Phone Books</label>
        <gadgets>
          <gadget id="phone-book">${g.phoneBook}</gadget>
        </gadgets>
      </tab>
      <tab>
        <id>manageLogs</id>
        <icon>manage-logs</icon>
        <label>finesse.container.tabs.agent.manageLogsLabel</label>
        <gadgets>
          <gadget id="client-log">${g.clientLog}</gadget>
        </gadgets>
      </tab>
    </tabs>
  </layout>
  <layout>
    <role>Supervisor</role>
    <page>
      <gadget id="supervisor-call-control">${g.callControl}</gadget>
    </page>
    <tabs>
      <tab>
        <id>home</id>
        <icon>home</icon>
        <label>finesse.container.tabs.supervisor.homeLabel</label>
        <columns>
          <column>
            <gadgets>
              <gadget id="team-performance" maxRows="10">${g.teamPerformance}</gadget>
            </gadgets>
          </column>
        </columns>
      </tab>
      <tab>
        <id>queueData</id>
        <icon>column-chart</icon>
        <label>finesse.container.tabs.supervisor.queueDataLabel</label>
        <gadgets>
          <gadget id="supervisor-queue-statistics">${g.queueStatistics}</gadget>
        </gadgets>
      </tab>
      <tab>
        <id>phonebook</id>
        <icon>contacts</icon>
        <label>Phone Books</label>
        <gadgets>
          <gadget id="supervisor-phone-book">${g.phoneBook}</gadget>
        </gadgets>
      </tab>
      <tab>
        <id>manageLogs</id>
        <icon>manage-logs</icon>
        <label>finesse.container.tabs.supervisor.manageLogsLabel</label>
        <gadgets>
          <gadget id="supervisor-client-log">${g.clientLog}</gadget>
        </gadgets>
      </tab>
    </tabs>
  </layout>
</finesseLayout>
`;
