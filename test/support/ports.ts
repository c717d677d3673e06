import net from 'node:net';

/**
 * A loopback port the system hands out and that is free again when this resolves: for a process
 * the test starts that must be told its port (a node, PostgreSQL, Prosody), or for a port nobody
 * listens on. Another process may take it in between; callers that spawn retry (test/cluster).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
