/**
 * "Another machine" for tests that must not leave this one: a network namespace made for the test,
 * joined to this one by a veth pair with a /30 of its own. The node under test listens on
 * `hostAddress` as it would on its LAN address; `connect` and `run` act from `peerAddress`,
 * inside the namespace, where loopback is another machine's. Needs root and iproute2 (the test
 * machine has both); `remove` takes everything away again.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);
let made = 0;

export interface Netns {
  readonly name: string;
  /** This machine's address on the link (listen here to be reachable from the namespace). */
  readonly hostAddress: string;
  /** The other machine's address. */
  readonly peerAddress: string;
  /** Whether a TCP connection from the other machine to `host:port` is accepted. */
  canConnect(host: string, port: number): Promise<boolean>;
  /**
   * From the other machine: connects to `host:port`, writes `send`, and resolves with every byte
   * received until the server closes (or `ms` passed).
   */
  exchange(host: string, port: number, send: Buffer, ms?: number): Promise<Buffer>;
  remove(): Promise<void>;
}

const ip = (...args: string[]) => exec('ip', args);

export async function createNetns(): Promise<Netns> {
  const n = made++;
  const id = `${process.pid % 100_000}${n}`;
  const name = `sbt${id}`;
  const [outer, inner] = [`sbt${id}a`, `sbt${id}b`];
  // A /30 per namespace: 10.77.<pid>.<4n> — distinct between test processes and within one.
  const base = `10.77.${process.pid % 250}.${(n % 60) * 4}`;
  const octets = base.split('.').map(Number);
  const addr = (k: number) => `${octets[0]}.${octets[1]}.${octets[2]}.${octets[3] + k}`;
  const hostAddress = addr(1);
  const peerAddress = addr(2);
  await ip('netns', 'add', name);
  try {
    await ip('link', 'add', outer, 'type', 'veth', 'peer', 'name', inner);
    await ip('link', 'set', inner, 'netns', name);
    await ip('addr', 'add', `${hostAddress}/30`, 'dev', outer);
    await ip('link', 'set', outer, 'up');
    await ip('netns', 'exec', name, 'ip', 'addr', 'add', `${peerAddress}/30`, 'dev', inner);
    await ip('netns', 'exec', name, 'ip', 'link', 'set', inner, 'up');
    await ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  } catch (e) {
    await ip('link', 'del', outer).catch(() => {});
    await ip('netns', 'del', name).catch(() => {});
    throw e;
  }
  // bash's /dev/tcp: a connection from inside costs a fork, not a Node start-up.
  const inside = (script: string, ...args: string[]) =>
    exec('ip', ['netns', 'exec', name, 'bash', '-c', script, 'bash', ...args], {
      encoding: 'buffer',
      timeout: 10_000,
    });
  return {
    name,
    hostAddress,
    peerAddress,
    async canConnect(host, port) {
      const { stdout } = await inside(
        'exec 3<>"/dev/tcp/$1/$2" 2>/dev/null && echo -n yes || echo -n no',
        host,
        String(port),
      );
      return stdout.toString() === 'yes';
    },
    async exchange(host, port, send, ms = 3000) {
      const escaped = [...send].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
      const { stdout } = await inside(
        'exec 3<>"/dev/tcp/$1/$2" || exit 0; printf "$3" >&3; timeout "$4" cat <&3; exit 0',
        host,
        String(port),
        escaped,
        String(ms / 1000),
      );
      return stdout;
    },
    async remove() {
      await ip('link', 'del', outer).catch(() => {});
      await ip('netns', 'del', name).catch(() => {});
    },
  };
}
