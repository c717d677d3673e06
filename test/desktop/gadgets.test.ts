/**
 * Gadgets written for Finesse, run unchanged in the desktop (issue #13): our own test gadgets in
 * the samples' style (test/fixtures/gadgets/) are dropped into `<data-dir>/3rdpartygadget/files/`,
 * named in the default layout an administrator saves, and driven in Chromium against the real
 * system and the CTI simulator — a state toggle, click-to-call, a call-variable editor, a phone
 * book, two instances talking over the hub, a workflow pop, a reload from another URL, an external
 * REST call through the proxy, a silent-monitor indicator, two gadgets sharing their active task
 * (TaskActivityNotification), a broken spec in its place, and the
 * gadgets' ClientLogger lines in the uploaded client log.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { basic } from '../support/system.ts';
import { agentPage, dialogButton, screenshot, skipWithoutChromium } from './browser.ts';
import { desktopSuite } from './system.ts';

const FIXTURES = path.resolve('test/fixtures/gadgets');
const F = '/3rdpartygadget/files';

const LAYOUT = `<finesseLayout xmlns="http://www.cisco.com/vtg/finesse">
  <version>1252.02</version>
  <header><leftAlignedColumns><headercolumn width="300px">
    <component id="agent-voice-state"><url>/desktop/scripts/js/agentvoicestate.component.js</url></component>
  </headercolumn></leftAlignedColumns></header>
  <layout>
    <role>Agent</role>
    <page>
      <gadget>/desktop/scripts/js/callcontrol.js</gadget>
      <gadget hidden="true" id="external-rest">${F}/ExternalRest/ExternalRest.xml</gadget>
    </page>
    <tabs>
      <tab><id>home</id><icon>home</icon><label>finesse.container.tabs.agent.homeLabel</label>
        <columns>
          <column><gadgets>
            <gadget id="state-toggle">${F}/StateToggle/StateToggle.xml</gadget>
            <gadget id="click-to-call">${F}/ClickToCall/ClickToCall.xml?number=8000&amp;gadgetHeight=90</gadget>
            <gadget id="call-variables">${F}/CallVariables/CallVariables.xml</gadget>
          </gadgets></column>
          <column><gadgets>
            <gadget id="hub-1">${F}/HubTopic/HubTopic.xml</gadget>
            <gadget id="hub-2">${F}/HubTopic/HubTopic.xml</gadget>
            <gadget id="phone-book">${F}/PhoneBook/PhoneBook.xml</gadget>
          </gadgets></column>
        </columns>
      </tab>
      <tab><id>more</id><icon>history</icon><label>More</label>
        <gadgets>
          <gadget id="workflow-pop">${F}/WorkflowPop/WorkflowPop.xml</gadget>
          <gadget id="reload">${F}/Reload/Reload.xml</gadget>
          <gadget id="broken">${F}/Broken/Broken.xml</gadget>
          <gadget id="task-1">${F}/TaskActivity/TaskActivity.xml</gadget>
          <gadget id="task-2">${F}/TaskActivity/TaskActivity.xml</gadget>
        </gadgets>
      </tab>
    </tabs>
  </layout>
  <layout>
    <role>Supervisor</role>
    <page>
      <gadget>/desktop/scripts/js/callcontrol.js</gadget>
      <gadget id="silent-monitor">${F}/SilentMonitor/SilentMonitor.xml</gadget>
    </page>
    <tabs><tab><id>team</id><icon>team</icon><label>finesse.container.tabs.supervisor.teamDataLabel</label>
      <gadgets><gadget>/desktop/scripts/js/teamPerformance.js</gadget></gadgets></tab></tabs>
  </layout>
</finesseLayout>`;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The frame of the gadget placed with layout id `id`. */
const gadget = (page: Page, id: string): FrameLocator =>
  page.frameLocator(`.gadget[data-layout-id="${id}"] iframe`);

describe('Finesse gadgets in the desktop', { skip: skipWithoutChromium }, () => {
  let clientLogDir = '';
  const suite = desktopSuite((c) => {
    clientLogDir = path.join(c.logDir, 'clientlogs');
    fs.cpSync(FIXTURES, path.join(c.dataDir, '3rdpartygadget', 'files'), { recursive: true });
  });
  const admin = basic('admin');
  let mickey: Page;
  let walt: Page;

  async function adminCall(method: string, p: string, body?: string): Promise<Response> {
    const res = await suite.system.sys.api(p, {
      method,
      body,
      auth: admin,
      headers: body ? { 'Content-Type': 'application/xml' } : {},
    });
    assert.ok(res.ok, `${method} ${p}: ${res.status} ${await res.clone().text()}`);
    return res;
  }

  const idOf = (res: Response) => (res.headers.get('location') ?? '').split('/').pop() ?? '';

  async function ring(vars: Record<string, string>): Promise<void> {
    const res = await suite.system.sys.simAdmin('/calls', 'POST', { dnis: '8000', ani: '5551234', vars });
    assert.equal(res.status, 201);
  }

  it('an administrator saves a layout naming the gadgets, a phone book and a workflow', async () => {
    await adminCall(
      'PUT',
      '/finesse/api/LayoutConfig/default',
      `<LayoutConfig><layoutxml>${escapeXml(LAYOUT)}</layoutxml></LayoutConfig>`,
    );
    const book = await adminCall(
      'POST',
      '/finesse/api/PhoneBook',
      '<PhoneBook><name>Friends</name><type>GLOBAL</type></PhoneBook>',
    );
    await adminCall(
      'POST',
      `/finesse/api/PhoneBook/${idOf(book)}/Contact`,
      '<Contact><firstName>Minnie</firstName><lastName>Mouse</lastName><phoneNumber>3002</phoneNumber><description/></Contact>',
    );
    const variable =
      '<ActionVariable><name>callVariable1</name><type>SYSTEM</type><testValue>x</testValue></ActionVariable>';
    const other = await adminCall(
      'POST',
      '/finesse/api/WorkflowAction',
      `<WorkflowAction><name>CRM pop</name><type>BROWSER_POP</type><handledBy>OTHER</handledBy>
        <params><Param><name>path</name><value>https://crm.example.com/find?who=\${callVariable1}</value></Param>
        <Param><name>windowName</name><value>crm</value></Param></params>
        <actionVariables>${variable}</actionVariables></WorkflowAction>`,
    );
    const mine = await adminCall(
      'POST',
      '/finesse/api/WorkflowAction',
      `<WorkflowAction><name>Desktop pop</name><type>BROWSER_POP</type><handledBy>FINESSE_DESKTOP</handledBy>
        <params><Param><name>path</name><value>/3rdpartygadget/files/Reload/Reloaded.xml?who=\${callVariable1}</value></Param>
        <Param><name>windowName</name><value>pop</value></Param></params>
        <actionVariables>${variable}</actionVariables></WorkflowAction>`,
    );
    const workflow = await adminCall(
      'POST',
      '/finesse/api/Workflow',
      `<Workflow><name>Screen pop</name><TriggerSet><type>SYSTEM</type><name>CALL_ARRIVES</name></TriggerSet>
        <ConditionSet><applyMethod>ALL</applyMethod><conditions><Condition>
          <Variable><name>callVariable1</name><type>SYSTEM</type></Variable>
          <comparator>IS_NOT_EMPTY</comparator><value></value></Condition></conditions></ConditionSet>
        <workflowActions><WorkflowAction><uri>/finesse/api/WorkflowAction/${idOf(other)}</uri></WorkflowAction>
        <WorkflowAction><uri>/finesse/api/WorkflowAction/${idOf(mine)}</uri></WorkflowAction></workflowActions></Workflow>`,
    );
    await adminCall(
      'PUT',
      '/finesse/api/Team/5000/Workflows',
      `<Workflows><Workflow><uri>/finesse/api/Workflow/${idOf(workflow)}</uri></Workflow></Workflows>`,
    );
  });

  it('signs in; every gadget loads, sees the user, and a broken spec shows its error in its place', async () => {
    const url = `${suite.system.origin}/desktop/`;
    // The supervisor signs in alongside, straight to his Team page (the silent-monitor gadget is
    // on it): the Agent page's gadgets load only in the agent's desktop.
    [{ page: mickey }, { page: walt }] = await Promise.all([
      agentPage(suite.browser, url, '2001', '2003'),
      agentPage(suite.browser, `${url}#/team`, '2010', '3010'),
    ]);
    const toggle = gadget(mickey, 'state-toggle');
    await toggle.locator('#user').getByText('2001 Mickey Mouse ext 2003').waitFor();
    await toggle.locator('#state').getByText('NOT_READY').waitFor();
    // Static relative URLs resolve against the spec's folder: its stylesheet applied.
    assert.equal(await toggle.locator('#state').evaluate((e) => getComputedStyle(e).fontWeight), '700');
    await gadget(mickey, 'click-to-call').getByText('Make Call to 8000').waitFor();
    await gadget(mickey, 'phone-book').getByText('Friends: Mouse, Minnie 3002').waitFor();
    // The title bar Finesse's library knows by id (#finesse_gadget_N_title) shows the spec's title.
    const n = await mickey.locator('.gadget[data-layout-id="state-toggle"] iframe').getAttribute('id');
    assert.equal(await mickey.locator(`#${n}_title`).textContent(), 'State Toggle');
    // gadgetHeight in the layout URL: a fixed height.
    assert.equal(
      await mickey.locator('.gadget[data-layout-id="click-to-call"] iframe').evaluate((e) => e.style.height),
      '90px',
    );
    await mickey.click('#tab_more');
    await gadget(mickey, 'broken')
      .getByText(/This gadget could not be loaded:.*not well-formed XML/)
      .waitFor();
    assert.equal(
      await mickey.locator('.gadget[data-layout-id="broken"] .gadget-title').textContent(),
      'Gadget error',
    );
    await gadget(mickey, 'reload').locator('#reload').waitFor();
    await screenshot(mickey, 'gadgets-more-tab');
    await mickey.click('#tab_home');
  });

  it('the state toggle gadget changes the agent state; the desktop header follows', async () => {
    const toggle = gadget(mickey, 'state-toggle');
    await toggle.locator('#toggle:enabled').click();
    await toggle.locator('#state').getByText('READY', { exact: true }).waitFor();
    await mickey.waitForSelector('sb-agent-header [data-state="READY"]');
  });

  it('two instances of a gadget talk over the hub', async () => {
    await gadget(mickey, 'hub-1').locator('#text').fill('hello from one');
    await gadget(mickey, 'hub-1').locator('#show').click();
    await gadget(mickey, 'hub-2').locator('#shown').getByText('hello from one').waitFor();
    await gadget(mickey, 'hub-1').locator('#shown').getByText('hello from one').waitFor();
  });

  it('a routed call: gadgets see the dialog, the workflow pops, call variables are edited, the supervisor monitors', async () => {
    const sm = gadget(walt, 'silent-monitor');
    await sm.getByText('All Clear').waitFor();
    const popup = mickey.context().waitForEvent('page');
    await ring({ callVariable1: 'Acme' });
    const ctc = gadget(mickey, 'click-to-call');
    await ctc.locator('#count').getByText('1').waitFor({ timeout: 8000 });
    await ctc.locator('#dstate').getByText('ALERTING').waitFor();
    // The desktop's own pop (handled by the desktop), with the call variable filled in. Closed once
    // seen: while it is the tab in front the desktop's page is in the background, where Chromium
    // throttles its animation frames and every later click waits ~2 s to find it stable.
    const pop = await popup;
    await pop.waitForURL(/\/3rdpartygadget\/files\/Reload\/Reloaded\.xml\?who=Acme$/);
    await pop.close();
    // The hidden gadget called another host name of this node through the proxy.
    const rest = gadget(mickey, 'external-rest').getByText('200 IN_SERVICE');
    await rest.waitFor({ state: 'attached' });
    await dialogButton(mickey, 'ANSWER').click();
    await ctc.locator('#dstate').getByText('ACTIVE').waitFor({ timeout: 8000 });
    // The supervisor's gadget sees his silent-monitor call, and its end.
    await walt.locator('[data-key="sv-monitor-2001"]:enabled').click({ timeout: 8000 });
    await sm.getByText('Caution!!!').waitFor({ timeout: 8000 });
    await screenshot(walt, 'gadgets-silent-monitor');
    await dialogButton(walt, 'DROP').click();
    await sm.getByText('All Clear').waitFor({ timeout: 8000 });
    const cv = gadget(mickey, 'call-variables');
    const input = cv.locator('input[name="callVariable1"]');
    await input.waitFor();
    assert.equal(await input.inputValue(), 'Acme');
    await input.fill('Globex');
    await cv.getByText('Update callVariable1').click();
    await cv.locator('#result').getByText('Updated callVariable1').waitFor();
    await mickey.waitForFunction(() =>
      /Globex/.test(document.querySelector('sb-dialog-card')?.textContent ?? ''),
    );
    await screenshot(mickey, 'gadgets-on-a-call');
    // The workflow action handled by OTHER reached the gadget (in a tab not shown).
    await mickey.click('#tab_more');
    await gadget(mickey, 'workflow-pop').getByText('crm https://crm.example.com/find?who=Acme').waitFor();
    await mickey.click('#tab_home');
    await dialogButton(mickey, 'DROP').click();
    await ctc.locator('#count').getByText('0').waitFor({ timeout: 8000 });
  });

  it('the click-to-call gadget makes a call, and the call panel ends it', async () => {
    const ctc = gadget(mickey, 'click-to-call');
    await mickey.click('sb-agent-header [accesskey=n]');
    await mickey.locator('sb-agent-header [role=menuitem]').first().click();
    await mickey.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
    await ctc.locator('#call').click();
    await ctc.locator('#count').getByText('1').waitFor({ timeout: 8000 });
    await dialogButton(mickey, 'DROP').click();
    await ctc.locator('#count').getByText('0').waitFor({ timeout: 8000 });
  });

  it('a gadget reloads itself from another URL', async () => {
    await mickey.click('#tab_more');
    await gadget(mickey, 'reload').locator('#reload').click();
    await gadget(mickey, 'reload').getByText('Reloaded from another URL').waitFor();
    assert.equal(
      await mickey.locator('.gadget[data-layout-id="reload"] .gadget-title').textContent(),
      'Reloaded',
    );
  });

  it('gadgets tell each other their active task (TaskActivityNotification); a late one asks for it', async () => {
    // The 'more' tab is up (the test before). Both instances registered on connect.
    const [one, two] = [gadget(mickey, 'task-1'), gadget(mickey, 'task-2')];
    const n = await mickey.locator('.gadget[data-layout-id="task-1"] iframe').getAttribute('id');
    const heard = `TaskActivity-${n?.replace(/^finesse_gadget_/, '')} chat-7 chat true Acme stamped`;
    await one.locator('#publish').click();
    await two.locator('#tasks li').getByText(heard).waitFor();
    await one.locator('#tasks li').getByText(heard).waitFor();
    // The container held it: the asking gadget alone hears it again.
    await two.locator('#request').click();
    await two.locator('#count').getByText('2').waitFor();
    assert.equal(await one.locator('#count').textContent(), '1');
  });

  it("gadgets' ClientLogger lines reach the server with Send Error Report", async () => {
    await mickey.click('[data-key="error-report"]');
    await mickey
      .locator('sb-notices .notice')
      .getByText(/Error report sent/)
      .waitFor();
    // The upload is written as it arrives (202): the file is there once the notice shows.
    await suite.system.sys.sb.logs.flush();
    const logs = fs
      .readdirSync(clientLogDir, { recursive: true })
      .map((f) => path.join(clientLogDir, String(f)))
      .filter((f) => fs.statSync(f).isFile())
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    assert.match(logs, /StateToggle : user loaded in state NOT_READY/);
    assert.match(logs, /StateToggle : asking for READY/);
    assert.match(logs, /ClickToCall : calling 8000/);
  });
});
