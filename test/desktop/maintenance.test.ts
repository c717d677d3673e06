/**
 * Maintenance mode (#14): an administrator puts node A in maintenance over REST (Finesse's
 * MaintenanceMode); A says OUT_OF_SERVICE on its SystemInfo node, the desktop signed in there
 * moves to node B in the same page, and once it has, A reports COMPLETED and stops in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { CtiSimulator } from '../../src/cti/index.ts';
import { startDemoSimulator } from '../support/cti.ts';
import { launchChromium, newPage, skipWithoutChromium, submitSignIn } from './browser.ts';
import { type DesktopSystem, startDesktopSystem } from './system.ts';

const FAST = 'pingMs=1000&pingTimeoutMs=1500&reconnectMinMs=300&reconnectMaxMs=1500';
const admin: [string, string] = ['admin', 'admin'];

describe('maintenance mode moves the desktops to the other node, then stops', {
  skip: skipWithoutChromium,
}, () => {
  let simulator: CtiSimulator;
  let a: DesktopSystem;
  let b: DesktopSystem;
  let browser: Browser;

  before(async () => {
    simulator = await startDemoSimulator();
    const onSimulator = { host: '127.0.0.1', port: simulator.port };
    b = await startDesktopSystem((c) => {
      c.cti.simulator = false;
      c.cti.sides = [onSimulator];
      c.primaryHost = '127.0.0.1';
      c.secondaryHost = 'localhost';
    });
    a = await startDesktopSystem((c) => {
      c.cti.simulator = false;
      c.cti.sides = [onSimulator];
      c.primaryHost = '127.0.0.1';
      c.secondaryHost = `localhost:${new URL(b.origin).port}`;
      c.maintenanceDeadlineSec = 60;
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await a?.stop();
    await b?.stop();
    await simulator?.stop();
  });

  it('the desktop on A moves to B; A completes its maintenance and stops', async () => {
    const { page, errors } = await newPage(browser);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
    await page.goto(`${a.origin}/desktop/?${FAST}`);
    await submitSignIn(page, '2001', '2003');
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
    assert.equal((await a.sys.api('/finesse/api/MaintenanceMode', { auth: admin })).status, 404);
    assert.equal(
      (await a.sys.api('/finesse/api/MaintenanceMode', { method: 'PUT', auth: ['2001', '2001'] })).status,
      401,
      'administrators only',
    );

    const started = await a.sys.api('/finesse/api/MaintenanceMode', { method: 'PUT', auth: admin });
    assert.equal(started.status, 202);
    assert.match(await started.text(), /<status>IN_PROGRESS<\/status><usersLoggedIn><desktop>1<\/desktop>/);
    const info = await (await a.sys.api('/finesse/api/SystemInfo')).text();
    assert.match(info, /<finesseMMode>IN_PROGRESS<\/finesseMMode>/);
    assert.match(info, /<status>OUT_OF_SERVICE<\/status><statusReason>MAINTENANCE_MODE<\/statusReason>/);

    // The node stops on its own once the desktop has gone: nothing else ends it here.
    await a.sys.sb.stopped;
    assert.equal(a.sys.sb.maintenance.status()?.status, 'COMPLETED');
    const bOrigin = `http://localhost:${new URL(b.origin).port}`;
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]', { timeout: 15_000 });
    assert.ok(
      requests.some((r) => r.startsWith(`POST ${bOrigin}/http-bind`)),
      'the desktop holds a BOSH session on B',
    );
    await page.click('sb-agent-header [accesskey=r]');
    await page.waitForSelector('sb-agent-header [data-state="READY"]', { timeout: 8000 });
    assert.ok(requests.includes(`PUT ${bOrigin}/finesse/api/User/2001`), 'READY sent to B');
    const logs = await a.sys.logs();
    assert.match(logs.webservices, /MAINTENANCE_MODE.*Maintenance mode COMPLETED/);
    // An orderly stop: the CTI session closed with CLOSE_REQ, the notification service stopped.
    assert.match(logs.cti, /SEND CloseReq/);
    assert.match(logs.openfire, /Notification service stopped/);
    assert.deepEqual(errors, []);
  });
});
