import path from 'node:path';
import { DEMO } from '../store/index.ts';
import { readAdminSecret } from './accounts.ts';
import type { Switchboard } from './index.ts';
import { adminTokenFile } from './simulator.ts';

/**
 * The start-up banner: where each part listens, and the accounts that work on this node: a demo
 * account only if it exists and still has its demo password, the generated administrator only
 * while its secret file still signs in, so the banner never shows credentials that fail.
 */
export async function describeStartup(sb: Switchboard): Promise<string> {
  const c = sb.config;
  const shown = (h: string) => (h === '0.0.0.0' || h === '::' ? 'localhost' : h);
  const host = shown(c.host);
  // Only accounts that exist are tried: each try costs a password hash (half a second at OWASP's).
  const works = await Promise.all(
    DEMO.credentials.map(
      async (d) =>
        (await sb.store.getUser(d.id)) !== undefined &&
        (await sb.store.verifyPassword(d.id, d.password)) !== undefined,
    ),
  );
  const demo = DEMO.credentials.filter((_, i) => works[i]);
  const admin = await readAdminSecret(sb.store, c.dataDir);
  const lines = [
    'Switchboard is running.',
    '',
    `  Agent desktop   http://${host}:${sb.ports.http}/desktop/`,
    `  REST API        http://${host}:${sb.ports.http}/finesse/api/SystemInfo`,
    `  BOSH            http://${host}:${sb.ports.bosh}/http-bind  (also http://${host}:${sb.ports.http}/http-bind)`,
    `  WebSocket       ws://${host}:${sb.ports.http}/ws/`,
    `  XMPP            ${host}:${sb.ports.xmpp}  (domain ${c.xmppDomain}, pubsub.${c.xmppDomain}; STARTTLS)`,
    ...(sb.ports.https
      ? [
          `  HTTPS           https://${host}:${sb.ports.https}/desktop/  (wss://${host}:${sb.ports.https}/ws/)`,
        ]
      : []),
    ...(sb.ports.boshTls ? [`  BOSH over TLS   https://${host}:${sb.ports.boshTls}/http-bind`] : []),
    ...(sb.ports.xmppTls ? [`  XMPP over TLS   ${host}:${sb.ports.xmppTls}  (direct TLS)`] : []),
    `  Certificate     ${c.tlsCert ?? path.join(c.dataDir, 'tls', 'cert.pem')}${c.tlsCert ? '' : '  (self-signed: trust it in clients)'}`,
    `  System account  ${c.systemUser}@${c.xmppDomain}  (password: ${c.systemPassword ? '$SWITCHBOARD_SYSTEM_PASSWORD' : path.join(c.dataDir, 'system-account.secret')})`,
    sb.ports.cti
      ? `  CTI simulator   ${shown(c.cti.simulatorHost)}:${sb.ports.cti}  (peripheral ${c.cti.peripheralId}; admin API http://${shown(c.cti.simulatorAdminHost)}:${sb.ports.ctiAdmin}/state, token ${c.cti.adminToken ? '$SWITCHBOARD_CTI_ADMIN_TOKEN' : adminTokenFile(c.dataDir)})`
      : `  CTI server      ${c.cti.sides.map((s) => `${s.host}:${s.port}`).join(', ')}`,
    `  Data            ${c.dataDir}`,
    `  Logs            ${c.logDir}`,
    '',
    ...(demo.length
      ? [
          'Demo credentials (login id / password / extension):',
          ...demo.map(
            (d) =>
              `  ${d.role.padEnd(14)} ${d.id.padEnd(8)} ${d.password.padEnd(8)} ${d.extension ?? ''}  ${d.name}`,
          ),
          '',
        ]
      : []),
    ...(admin
      ? [
          `Administrator: ${admin.id}, password in ${admin.secretFile} (change it: switchboard user passwd ${admin.id})`,
          '',
        ]
      : []),
    ...(demo.length === 0 && !admin
      ? ["Accounts: 'switchboard user list'; a new one: 'switchboard user add ID --roles Agent'", '']
      : []),
    ...(sb.ports.cti
      ? [
          'A caller for a Ready agent (the simulator routes calls to 8000):',
          `  npx switchboard sim call --dnis 8000 --ani 5551234${sb.ports.ctiAdmin === 42080 ? '' : ` --admin http://${shown(c.cti.simulatorAdminHost)}:${sb.ports.ctiAdmin}`}`,
          '',
        ]
      : []),
  ];
  return lines.join('\n') + '\n';
}
