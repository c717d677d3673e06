/**
 * The node's operations endpoints on its HTTP port:
 *
 *   GET /health/live    200 while the process serves requests at all
 *   GET /health/ready   200 when the store answers, the CTI link is up, every listener listens and
 *                       the node is not in maintenance; 503 with the reasons otherwise (for a load
 *                       balancer or an orchestrator; no detail an outsider could use)
 *   GET /metrics        Prometheus text format: loopback and `--metrics-allow` only
 *   GET /status         what `switchboard status` prints (JSON): loopback and `--metrics-allow`
 *                       only, and the system account's or an administrator's credentials
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.ts';

export interface Readiness {
  /** Why the node is not ready; empty when it is. */
  problems(): Promise<string[]>;
}

export interface OpsOptions {
  readiness: Readiness;
  metrics: Metrics;
  /** The client may read /metrics and /status (loopback or the allow list). */
  isAllowed(address: string): boolean;
  /** The Authorization header names the system account or an administrator. */
  isOperator(req: IncomingMessage): Promise<boolean>;
  status(): Promise<unknown>;
}

const text = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') =>
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);

/** Returns a handler that answers the paths above and returns false for every other. */
export function createOpsHandler(o: OpsOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const answer = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === '/health/live') return text(res, 200, 'live\n');
    if (path === '/health/ready') {
      const problems = await o.readiness.problems();
      return problems.length === 0
        ? text(res, 200, 'ready\n')
        : text(res, 503, `not ready: ${problems.join('; ')}\n`);
    }
    if (!o.isAllowed(req.socket.remoteAddress ?? ''))
      return text(res, 403, 'Forbidden (see --metrics-allow)\n');
    if (path === '/metrics') {
      const { contentType, body } = await o.metrics.render();
      return text(res, 200, body, contentType);
    }
    if (!(await o.isOperator(req))) {
      res.setHeader('WWW-Authenticate', 'Basic realm="switchboard"');
      return text(res, 401, 'Unauthorized\n');
    }
    return text(res, 200, `${JSON.stringify(await o.status(), null, 2)}\n`, 'application/json');
  };
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/health/live' && path !== '/health/ready' && path !== '/metrics' && path !== '/status')
      return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      text(res, 405, 'Method Not Allowed\n');
      return true;
    }
    answer(req, res, path).catch((e: Error) => {
      if (!res.headersSent) text(res, 500, `${e.message}\n`);
      else res.destroy();
    });
    return true;
  };
}
