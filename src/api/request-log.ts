import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type Logs, neutralizeField } from '../logs/index.ts';

/**
 * The webservices and access log lines of one REST request, in the shapes of seed 000 so that
 * its recipes (grep the nocache id of a GET, the requestId of a PUT) work unchanged:
 *
 *   REQUEST_START  %[method_name=GET][parameter_name={ nocache=[1366756802163], }][resource_name=/SystemInfo][usr=2001]
 *   API_REQUEST    %[REQUEST_URL=User/2001][agent_id=2001][request_identifier=…][request_method=user.PUT][request_parameters= extension:2003 state:LOGIN]
 *   REGISTER_API_STATS_OBJECT  (the first request of each type)
 *   REQUEST_END    %[elapsed_time=8]
 *
 * plus one Tomcat access log line. Passwords and Authorization headers are never passed in.
 */
export interface RequestTrace {
  /** `http-<port>-<connection>-<request on that connection>`: all lines of one request share it. */
  readonly thread: string;
  apiRequest(fields: {
    url: string;
    agentId: string;
    requestId: string;
    apiMethod: string;
    parameters: string;
  }): void;
  /** Counts a request type (`User-[id]-PUT`); logs it the first time it is seen. */
  registerStats(component: string): void;
  error(message: string): void;
  /** The authenticated user, for the access log's `%u`. */
  user: string | undefined;
  /** The body size actually written. */
  bytes: number;
}

export interface RequestLogger {
  begin(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    claimedUser: string,
  ): RequestTrace;
}

// Request logs carry client input: bounded, and in a webservices field without field delimiters
// (the access log's formatter keeps its columns apart itself).
const MAX_VALUE = 256;
const bounded = (value: string) => (value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value);
export function clean(value: string): string {
  return bounded(neutralizeField(value.slice(0, MAX_VALUE + 1)));
}

/** Java's `Map.toString` as Finesse prints the query: `{ nocache=[1366756802163], }`. */
export function formatParameters(query: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of query) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  let s = '{ ';
  for (const [k, values] of grouped) s += `${clean(k)}=[${values.map(clean).join(', ')}], `;
  return s + '}';
}

// Tomcat's status for a client that closed before the answer does not exist; nginx's 499 is the
// best-known convention for it.
const CLIENT_CLOSED = 499;

export function createRequestLogger(logs: Logs, now: () => number): RequestLogger {
  const connections = new WeakMap<Socket, { id: number; requests: number }>();
  let nextConnection = 0;
  const registered = new Set<string>();

  return {
    begin(req, res, path, query, claimedUser) {
      const socket = req.socket;
      let conn = connections.get(socket);
      if (!conn) {
        conn = { id: ++nextConnection, requests: 0 };
        connections.set(socket, conn);
      }
      const thread = `http-${socket.localPort ?? 0}-${conn.id}-${++conn.requests}`;
      const started = now();
      const ws = logs.webservices;
      const resource = path.replace(/^\/finesse\/api/, '');
      ws.info(
        thread,
        'REQUEST_START',
        [
          ['method_name', clean(req.method ?? '')],
          ['parameter_name', formatParameters(query)],
          ['resource_name', clean(resource)],
          ['usr', clean(claimedUser)],
        ],
        'Request start',
      );

      const trace: RequestTrace = {
        thread,
        user: undefined,
        bytes: 0,
        apiRequest(f) {
          ws.info(
            thread,
            'API_REQUEST',
            [
              ['REQUEST_URL', clean(f.url)],
              ['agent_id', f.agentId],
              ['request_identifier', clean(f.requestId)],
              ['request_method', f.apiMethod],
              ['request_parameters', clean(f.parameters)],
            ],
            'Request from client to webservice api',
          );
        },
        registerStats(component) {
          if (registered.has(component)) return;
          registered.add(component);
          ws.info(
            thread,
            'REGISTER_API_STATS_OBJECT',
            [['resource_name', `com.cisco.ccbu:category=WebAppStats,component0=${component}`]],
            'Registered new api stats object for new request type.',
          );
        },
        error(message) {
          ws.error(thread, 'REQUEST_ERROR', [['error', clean(message)]], 'Request failed');
        },
      };

      res.once('close', () => {
        const elapsed = now() - started;
        ws.info(thread, 'REQUEST_END', [['elapsed_time', elapsed]], 'Request complete');
        const [pathOnly, rawQuery = ''] = (req.url ?? '').split(/\?(.*)/s, 2);
        logs.access.write({
          remoteAddr: plainAddress(socket.remoteAddress),
          localAddr: plainAddress(socket.localAddress),
          user: trace.user,
          localPort: socket.localPort ?? 0,
          method: bounded(req.method ?? ''),
          path: bounded(pathOnly),
          query: bounded(rawQuery),
          protocol: `HTTP/${req.httpVersion}`,
          status: res.writableFinished ? res.statusCode : CLIENT_CLOSED,
          bytes: trace.bytes,
          elapsedMs: elapsed,
        });
      });
      return trace;
    },
  };
}

/** `::ffff:127.0.0.1` → `127.0.0.1`: IPv4 clients on a dual-stack socket, as Tomcat prints them. */
function plainAddress(address: string | undefined): string {
  return (address ?? '-').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
