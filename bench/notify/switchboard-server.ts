/**
 * Switchboard's notification service alone, as the benchmark runs it (forked by notify.bench.ts;
 * not run by hand): BOSH and XMPP/TCP listeners on loopback ports the OS picks, real info.log and
 * debug.log files, every user a password equal to its name, the bench's system account. Tells the
 * parent its ports, then serves until told to stop.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogs } from '../../src/logs/index.ts';
import { createNotifyServer, passwordAuthority } from '../../src/notify/index.ts';
import { DOMAIN, SYSTEM_USER } from './layout.ts';

const [password = '', debug = 'off'] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-bench-'));
const logs = createLogs({ dir, notifyDebug: debug === 'on' });
const notify = createNotifyServer({
  domain: DOMAIN,
  authority: passwordAuthority(async (u, p) => u === p && /^\d+$/.test(u)),
  mayRead: () => true,
  infoLog: logs.notifyInfo,
  debugLog: logs.notifyDebug,
  systemAccounts: [{ username: SYSTEM_USER, password }],
  bosh: { wait: 60, inactivity: 120 },
});
const bosh = await notify.listenBosh({ host: '127.0.0.1', port: 0 });
const tcp = await notify.listenTcp({ host: '127.0.0.1', port: 0 });
process.send?.({ type: 'listening', boshPort: bosh.port, tcpPort: tcp.port });
process.on('message', async (m: { type: string }) => {
  if (m.type === 'count') process.send?.({ type: 'count', sessions: notify.sessionCount });
  if (m.type === 'stop') {
    await notify.close();
    await logs.flush();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
