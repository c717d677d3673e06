/**
 * Prosody from Debian as the benchmark's reference server: installed when absent (by
 * scripts/install-prosody.sh),
 * configured in a temporary directory for the same workload as Switchboard's — BOSH and c2s on
 * loopback ports, PLAIN over BOSH allowed, a pubsub component, in-memory storage for pubsub so
 * neither server touches the disk per publish, accounts with the password equal to the name and
 * their SCRAM-SHA-1 keys stored (internal_hashed at 4096 iterations: a sign-in costs a few HMACs,
 * as on Switchboard with its stored keys), logs at warn — and started in the
 * foreground with the open-file limit at the hard limit, which 10,000 sessions need.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/support/ports.ts';
import { DOMAIN, SYSTEM_USER, userId } from './layout.ts';

/** What Switchboard's held accounts use too (switchboard-server.ts). */
const SCRAM_ITERATIONS = 4096;

export interface ProsodyServer {
  pid: number;
  boshPort: number;
  tcpPort: number;
  version: string;
  stop(): Promise<void>;
}

function which(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Installs Debian's prosody package through the project's script if it is missing. */
export function ensureProsody(log: (line: string) => void): boolean {
  if (which('prosody')) return true;
  log('installing prosody from Debian (scripts/install-prosody.sh)…');
  try {
    execFileSync('bash', [path.join(import.meta.dirname, '../../scripts/install-prosody.sh')], {
      stdio: 'ignore',
    });
  } catch {
    log('prosody could not be installed: the comparison is skipped');
  }
  return which('prosody');
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prosody exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`prosody did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const lua = (s: string) => JSON.stringify(s);

export async function startProsody(opts: { users: number; systemPassword: string }): Promise<ProsodyServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prosody-bench-'));
  const data = path.join(dir, 'data');
  // Prosody's file store names files by the name with every non-alphanumeric byte as %xx.
  const encode = (name: string) =>
    name.replace(/[^A-Za-z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const accounts = path.join(data, encode(DOMAIN), 'accounts');
  fs.mkdirSync(accounts, { recursive: true });
  // mod_auth_internal_hashed's record: the salt as text (its bytes are PBKDF2's salt), the keys hex.
  const account = (name: string, password: string) => {
    const salt = crypto.randomBytes(16).toString('hex');
    const salted = crypto.pbkdf2Sync(password, salt, SCRAM_ITERATIONS, 20, 'sha1');
    const hmac = (d: string) => crypto.createHmac('sha1', salted).update(d).digest();
    const storedKey = crypto.createHash('sha1').update(hmac('Client Key')).digest('hex');
    fs.writeFileSync(
      path.join(accounts, `${encode(name)}.dat`),
      `return {\n\t["iteration_count"] = ${SCRAM_ITERATIONS};\n\t["salt"] = ${lua(salt)};\n` +
        `\t["stored_key"] = ${lua(storedKey)};\n\t["server_key"] = ${lua(hmac('Server Key').toString('hex'))};\n};\n`,
    );
  };
  account(SYSTEM_USER, opts.systemPassword);
  for (let i = 0; i < opts.users; i++) account(userId(i), userId(i));

  const [boshPort, tcpPort] = [await freePort(), await freePort()];
  const config = `
run_as_root = true
daemonize = false
pidfile = ${lua(path.join(dir, 'prosody.pid'))}
data_path = ${lua(data)}
admins = { ${lua(`${SYSTEM_USER}@${DOMAIN}`)} }
modules_enabled = { "saslauth"; "disco"; "ping"; "bosh"; "posix" }
modules_disabled = { "s2s"; "offline"; "c2s_limits" }
authentication = "internal_hashed"
default_storage = "memory"
storage = { accounts = "internal" }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
consider_bosh_secure = true
cross_domain_bosh = true
bosh_max_inactivity = 120
bosh_max_wait = 60
c2s_ports = { ${tcpPort} }
c2s_interfaces = { "127.0.0.1" }
s2s_ports = { }
http_ports = { ${boshPort} }
http_interfaces = { "127.0.0.1" }
https_ports = { }
legacy_ssl_ports = { }
log = { { levels = { min = "warn" }, to = "file", filename = ${lua(path.join(dir, 'prosody.log'))} } }
certificates = ${lua(dir)}
VirtualHost ${lua(DOMAIN)}
Component ${lua(`pubsub.${DOMAIN}`)} "pubsub"
`;
  const configFile = path.join(dir, 'prosody.cfg.lua');
  fs.writeFileSync(configFile, config);
  // The hard limit is the most a process may raise its own to; Debian's default soft limit is 1024.
  const child = spawn(
    'sh',
    ['-c', `ulimit -n "$(ulimit -Hn)"; exec prosody -F --config "$1"`, 'sh', configFile],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  try {
    await waitForPort(boshPort, child, 15_000);
    await waitForPort(tcpPort, child, 15_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  let version = 'prosody';
  try {
    version = `Prosody ${execFileSync('dpkg-query', ['-W', 'prosody'], { encoding: 'utf8' }).split('\t')[1].trim()}`;
  } catch {}
  return {
    pid: child.pid ?? 0,
    boshPort,
    tcpPort,
    version,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (process.env.KEEP_PROSODY_LOG)
        fs.copyFileSync(path.join(dir, 'prosody.log'), process.env.KEEP_PROSODY_LOG);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
