/**
 * Failover to the other node of the pair: the desktop signed in on node A learns node B from
 * A's SystemInfo (`secondaryNode`); when A becomes unreachable or OUT_OF_SERVICE the red banner
 * comes up and the desktop moves to B — in the page when B's REST API lets A's origin in (CORS
 * for the pair), otherwise by loading B's desktop with the ID and extension filled in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { CtiSimulator } from '../../src/cti/index.ts';
import { startCuttableProxy, startDemoSimulator } from '../support/cti.ts';
import { launchChromium, newPage, screenshot, skipWithoutChromium, submitSignIn, textOf } from './browser.ts';
import { type DesktopSystem, startDesktopSystem } from './system.ts';

const FAST = 'pingMs=1000&pingTimeoutMs=1500&reconnectMinMs=300&reconnectMaxMs=1500';

describe('failover to the secondary node', { skip: skipWithoutChromium }, () => {
  let a: DesktopSystem | undefined;
  let b: DesktopSystem;
  let browser: Browser;

  before(async () => {
    b = await startDesktopSystem();
    const secondary = new URL(b.origin).host;
    a = await startDesktopSystem((c) => {
      c.secondaryHost = secondary;
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await a?.stop();
    await b?.stop();
  });

  it('moves an agent from an unreachable node A to node B', async () => {
    if (!a) throw new Error('node A did not start');
    const { page, errors } = await newPage(browser);
    await page.goto(`${a.origin}/desktop/?${FAST}`);
    await submitSignIn(page, '2001', '2003');
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');

    await a.stop();
    a = undefined;
    // The banner shows while B is looked for (briefly: B answers at once).
    await page.waitForFunction(
      (origin) => location.origin === origin || !!document.querySelector('sb-banner .banner'),
      b.origin,
    );

    // Either B takes over in the page, or the desktop reloads from B with ID and extension filled in.
    await page.waitForFunction(
      (origin) => location.origin === origin || !document.querySelector('sb-banner .banner'),
      b.origin,
    );
    if (new URL(page.url()).origin === b.origin) {
      await page.waitForSelector('sb-sign-in input[name=password]');
      assert.equal(await page.inputValue('input[name=id]'), '2001');
      assert.equal(await page.inputValue('input[name=extension]'), '2003');
      assert.match(await textOf(page.locator('sb-notices')), /connection to 127\.0\.0\.1:\d+ was lost/i);
      await screenshot(page, 'failover-sign-in-on-b');
      await page.fill('input[name=password]', '2001');
      await page.click('sb-sign-in button[type=submit]');
    }
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
    const onB = await b.sys.api('/finesse/api/User/2001', { auth: ['2001', '2001'] });
    assert.match(await onB.text(), /<state>NOT_READY<\/state>/);
    assert.deepEqual(errors, []);
  });
});

/**
 * Two nodes on one CTI server, as a Finesse pair is: A reaches it through a proxy, B directly.
 * The desktop comes from A at 127.0.0.1; B is known to it as `localhost:<port>` — another origin,
 * whose REST API lets A's pages in (CORS for the pair), so the desktop fails over in place.
 */
describe('failover when the primary goes OUT_OF_SERVICE', { skip: skipWithoutChromium }, () => {
  let simulator: CtiSimulator;
  let proxy: Awaited<ReturnType<typeof startCuttableProxy>>;
  let a: DesktopSystem;
  let b: DesktopSystem;
  let browser: Browser;

  before(async () => {
    simulator = await startDemoSimulator();
    proxy = await startCuttableProxy(simulator.port);
    b = await startDesktopSystem((c) => {
      c.cti.simulator = false;
      c.cti.sides = [{ host: '127.0.0.1', port: simulator.port }];
      c.primaryHost = '127.0.0.1';
      c.secondaryHost = 'localhost';
    });
    const bPort = new URL(b.origin).port;
    a = await startDesktopSystem((c) => {
      c.cti.simulator = false;
      c.cti.sides = [{ host: '127.0.0.1', port: proxy.port }];
      c.primaryHost = '127.0.0.1';
      c.secondaryHost = `localhost:${bPort}`;
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await a?.stop();
    await b?.stop();
    await proxy?.close();
    await simulator?.stop();
  });

  it("moves the agent to B in the same page when A's CTI link goes down", async () => {
    const { page, errors } = await newPage(browser);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
    await page.goto(`${a.origin}/desktop/?${FAST}`);
    await submitSignIn(page, '2001', '2003');
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
    const bOrigin = `http://localhost:${new URL(b.origin).port}`;

    proxy.cut();
    await page.waitForSelector('sb-banner .banner');
    assert.match(await textOf(page.locator('sb-banner')), /connection to 127\.0\.0\.1 lost/i);
    await screenshot(page, 'failover-out-of-service');
    await page.waitForSelector('sb-banner .banner', { state: 'detached' });

    // Same page, same origin; now talking to B, and what B says is shown.
    assert.equal(new URL(page.url()).origin, a.origin);
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
    assert.ok(
      requests.some((r) => r.startsWith(`GET ${bOrigin}/finesse/api/User/2001?`)),
      'User not reloaded from B',
    );
    assert.ok(
      requests.some((r) => r.startsWith(`POST ${bOrigin}/http-bind`)),
      'no BOSH session on B',
    );

    // B serves this desktop from now on: a state change goes through B.
    await page.click('sb-agent-header [accesskey=r]');
    await page.waitForSelector('sb-agent-header [data-state="READY"]');
    assert.ok(
      requests.some((r) => r === `PUT ${bOrigin}/finesse/api/User/2001`),
      'READY not sent to B',
    );
    const onB = await b.sys.api('/finesse/api/User/2001', { auth: ['2001', '2001'] });
    assert.match(await onB.text(), /<state>READY<\/state>/);
    assert.match(await (await a.sys.api('/finesse/api/SystemInfo')).text(), /OUT_OF_SERVICE/);
    assert.deepEqual(errors, []);
  });
  it("signs in on B from A's page while A is OUT_OF_SERVICE, and a reload comes back there", async () => {
    // A's CTI link is still cut (previous test): A answers SystemInfo, OUT_OF_SERVICE.
    assert.match(await (await a.sys.api('/finesse/api/SystemInfo')).text(), /OUT_OF_SERVICE/);
    const { page, errors } = await newPage(browser);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
    await page.goto(`${a.origin}/desktop/?${FAST}`);
    await submitSignIn(page, '2002', '3002');
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
    const bOrigin = `http://localhost:${new URL(b.origin).port}`;
    assert.equal(new URL(page.url()).origin, a.origin, 'the page stays where it was loaded');
    assert.ok(
      requests.some((r) => r === `PUT ${bOrigin}/finesse/api/User/2002`),
      'LOGIN not sent to B',
    );
    const onB = await b.sys.api('/finesse/api/User/2002', { auth: ['2002', '2002'] });
    assert.match(await onB.text(), /<state>NOT_READY<\/state>/);

    requests.length = 0;
    await page.reload();
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
    assert.ok(
      requests.some((r) => r.startsWith(`GET ${bOrigin}/finesse/api/User/2002`)),
      'the reloaded page did not sign in on B',
    );
    assert.deepEqual(errors, []);
  });
});
