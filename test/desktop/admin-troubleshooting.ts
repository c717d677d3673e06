/**
 * The Troubleshooting page (admin.test.ts signs the administrator in): an agent signs in on the
 * desktop (a real LOGIN with a UUID requestId), then the administrator traces that requestId and
 * sees its hops — REST request, CTI message, notification publish — and runs Diagnose.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AdminContext } from './admin.test.ts';
import { newPage, screenshot, submitSignIn, textOf } from './browser.ts';

export function troubleshootingTests(ctx: AdminContext): void {
  let loginRequestId = '';

  it('an agent signs in: the LOGIN carries a requestId', async () => {
    const { page: agent } = await newPage(ctx.suite.browser);
    agent.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/finesse/api/User/2001') && !loginRequestId)
        loginRequestId = r.headers().requestid ?? '';
    });
    await agent.goto(`${ctx.suite.system.origin}/desktop/`);
    await submitSignIn(agent, '2001', '2003');
    await agent.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
    assert.match(loginRequestId, /^[0-9a-f-]{36}$/);
  });

  it('the administrator traces that LOGIN hop by hop', async () => {
    const admin = ctx.page;
    await admin.click('[data-key="nav-troubleshooting"]');
    await admin.waitForSelector('main[data-page="troubleshooting"] sb-troubleshooting form');

    await admin.fill('#trace-id', loginRequestId);
    await admin.click('[data-key="trace"]');
    const hops = admin.locator('sb-troubleshooting table[aria-label="Hops"] tbody tr');
    await hops.first().waitFor();
    const steps = await admin
      .locator('sb-troubleshooting table[aria-label="Hops"] tbody tr td:first-child')
      .allInnerTexts();
    for (const want of ['REQUEST_START', 'MESSAGE_TO_CTI_SERVER', 'XMPP_PUBLISH']) {
      assert.ok(
        steps.some((s) => s.includes(want)),
        `${want} in ${steps.join(' → ')}`,
      );
    }
    assert.match(
      await textOf(admin.locator('sb-troubleshooting .trace-result h3')),
      new RegExp(loginRequestId),
    );
    // Every hop row has a time and a summary.
    const first = await hops.first().locator('td').allInnerTexts();
    assert.match(first[1], /^\d\d:\d\d:\d\d\.\d{3}$/);
    assert.ok(first[3].length > 0);
    await screenshot(admin, 'troubleshooting-trace');
  });

  it('an unknown id shows the break, highlighted', async () => {
    const admin = ctx.page;
    await admin.fill('#trace-id', 'no-such-request-id');
    await admin.click('[data-key="trace"]');
    await admin.locator('[data-key="trace-broken"]').waitFor();
    assert.match(await textOf(admin.locator('[data-key="trace-broken"]')), /Broken: no request/);
  });

  it('a request that went wrong shows where its chain broke, the last hop highlighted', async () => {
    const admin = ctx.page;
    const requestId = '0badc0de-0000-4000-8000-troubleshoot';
    const res = await ctx.suite.system.sys.api('/finesse/api/User/2002', {
      method: 'PUT',
      auth: ['2002', '2002'],
      headers: { requestId, 'Content-Type': 'application/xml' },
      body: '<User><state>NOT_A_STATE</state></User>',
    });
    assert.equal(res.status, 400);
    await admin.fill('#trace-id', requestId);
    await admin.click('[data-key="trace"]');
    // The previous test's broken trace is still on the page until this one arrives.
    await admin.locator('sb-troubleshooting .trace-result h3', { hasText: requestId }).waitFor();
    await admin.locator('[data-key="trace-broken"]').waitFor();
    const broken = admin.locator('sb-troubleshooting tr.broken');
    assert.equal(await broken.count(), 1);
    assert.equal(await broken.getAttribute('aria-invalid'), 'true');
    await screenshot(admin, 'troubleshooting-broken');
  });

  it('runs Diagnose: classification, incidents, disconnects, recommended checks', async () => {
    const admin = ctx.page;
    await admin.click('[data-key="diagnose"]');
    const verdict = admin.locator('sb-troubleshooting [data-key="classification"]');
    await verdict.waitFor();
    assert.match(await textOf(verdict), /^(NONE|CLIENT|SERVER|MIXED) — /);
    const headings = await admin.locator('sb-troubleshooting .diagnosis h4').allInnerTexts();
    assert.ok(headings.includes('Incidents') && headings.includes('Disconnects'), headings.join(', '));
    await screenshot(admin, 'troubleshooting-diagnose');
  });
}
