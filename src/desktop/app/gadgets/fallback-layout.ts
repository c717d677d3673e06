/**
 * The layout the desktop falls back on when the node gives it none it can use (no LayoutConfig
 * API, or a stored layout that does not parse): every built-in panel, so the agent can work. The
 * node's own default layout — what `GET /LayoutConfig/default` serves until an administrator saves
 * another — is the server's (src/gadgets); this one only keeps the desktop usable.
 *
 * Finesse's own URLs are used (`callcontrol.js`, `teamPerformance.js`, `queueStatistics.js`,
 * `agentvoicestate.component.js`); builtins.ts maps every URL a layout may use for a panel.
 */
export const FALLBACK_LAYOUT_XML = `<finesseLayout xmlns="http://www.cisco.com/vtg/finesse">
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
