/**
 * `switchboard status`: what the appliance's `utils service list` prints, from a running node —
 * each component, its ports and state, the sessions it holds, the desktops signed in, the CTI
 * link — read from the node's `/status` as its system account (the secret in `<data-dir>`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Io } from '../cli.ts';
import type { NodeStatus } from './node-status.ts';
import type { CommandLine } from './options/index.ts';

export async function runStatusCli(cl: CommandLine, io: Io): Promise<number> {
  const v = cl.values;
  const base = v.url as string;
  let user = v.user as string | undefined;
  let password = v.password as string | undefined;
  if (user === undefined || password === undefined) {
    const secret = path.join(cl.config.dataDir, 'system-account.secret');
    try {
      user ??= cl.config.systemUser;
      password ??= cl.config.systemPassword ?? fs.readFileSync(secret, 'utf8').trim();
    } catch {
      io.err(`switchboard status: cannot read ${secret} (--data-dir, or --user and --password)\n`);
      return 1;
    }
  }
  let res: Response;
  try {
    res = await fetch(`${base}/status`, {
      headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
    });
  } catch (e) {
    io.err(
      `switchboard status: no node answers at ${base} (${(e as Error).cause ?? (e as Error).message})\n`,
    );
    return 1;
  }
  if (!res.ok) {
    io.err(`switchboard status: ${base}/status answered ${res.status}: ${(await res.text()).trim()}\n`);
    return 1;
  }
  const status = (await res.json()) as NodeStatus;
  io.out(v.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
  return 0;
}

export function formatStatus(s: NodeStatus): string {
  const rows = s.components.map((c) => [c.name, c.state.toUpperCase(), c.ports.join(', '), c.detail ?? '']);
  const head = ['Component', 'State', 'Ports', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    `${r
      .map((c, i) => c.padEnd(widths[i]))
      .join('   ')
      .trimEnd()}\n`;
  const maintenance = s.maintenance as { status?: string; pendingUserDisconnections?: number } | undefined;
  return [
    `Switchboard ${s.version} on ${s.node}: ${s.inService ? 'IN_SERVICE' : 'OUT_OF_SERVICE'}, up since ${s.startedAt}\n`,
    '\n',
    line(head),
    ...rows.map(line),
    '\n',
    `Desktops signed in: ${s.desktopsSignedIn}   Sessions: ${Object.entries(s.sessions)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}\n`,
    `CTI link: ${s.cti.isUp ? 'up' : 'DOWN'} (${s.cti.servers.join(', ')})\n`,
    `Maintenance: ${maintenance?.status ? `${maintenance.status}, ${maintenance.pendingUserDisconnections ?? 0} pending` : 'none'}\n`,
  ].join('');
}
