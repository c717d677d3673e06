/**
 * The desktop layout every node starts with (gadgets.md §A.3): Finesse's `<finesseLayout>` with
 * Switchboard's built-in panels where Finesse has its own (builtins.ts maps each URL to a panel).
 * The server stores it as `LayoutConfig/default` until an administrator changes it; the desktop
 * falls back to it when it cannot read a layout (no LayoutConfig API, or a malformed one).
 *
 * Finesse's own URLs are kept (`callcontrol.js`, `teamPerformance.js`, `queueStatistics.js`,
 * `agentvoicestate.component.js`), so a layout written for Finesse places our panels where it
 * placed Finesse's; `phonebook.js`, `makecall.js` and `clientlog.js` are ours.
 */
export const DEFAULT_LAYOUT_XML = `<finesseLayout xmlns="http://www.cisco.com/vtg/finesse">
    <version>1260.01</version>
    <configs>
        <config key="title" value="Switchboard"/>
    </configs>
    <header>
        <leftAlignedColumns>
            <headercolumn width="100%">
                <component id="agent-voice-state">
                    <url>/desktop/scripts/js/agentvoicestate.component.js</url>
                </component>
            </headercolumn>
        </leftAlignedColumns>
    </header>
    <layout>
        <role>Agent</role>
        <page>
            <gadget>/desktop/scripts/js/callcontrol.js</gadget>
        </page>
        <tabs>
            <tab>
                <id>home</id>
                <icon>home</icon>
                <label>finesse.container.tabs.agent.homeLabel</label>
                <columns>
                    <column>
                        <gadgets>
                            <gadget>/desktop/scripts/js/makecall.js</gadget>
                        </gadgets>
                    </column>
                    <column>
                        <gadgets>
                            <gadget>/desktop/scripts/js/phonebook.js</gadget>
                        </gadgets>
                    </column>
                </columns>
            </tab>
            <tab>
                <id>clientLog</id>
                <icon>history</icon>
                <label>Client Log</label>
                <gadgets>
                    <gadget>/desktop/scripts/js/clientlog.js</gadget>
                </gadgets>
            </tab>
        </tabs>
    </layout>
    <layout>
        <role>Supervisor</role>
        <page>
            <gadget>/desktop/scripts/js/callcontrol.js</gadget>
        </page>
        <tabs>
            <tab>
                <id>teamData</id>
                <icon>team</icon>
                <label>finesse.container.tabs.supervisor.teamDataLabel</label>
                <gadgets>
                    <gadget id="team-performance">/desktop/scripts/js/teamPerformance.js</gadget>
                </gadgets>
            </tab>
            <tab>
                <id>queueData</id>
                <icon>column-chart</icon>
                <label>finesse.container.tabs.supervisor.queueDataLabel</label>
                <gadgets>
                    <gadget id="queue-statistics">/desktop/scripts/js/queueStatistics.js</gadget>
                </gadgets>
            </tab>
        </tabs>
    </layout>
</finesseLayout>
`;
