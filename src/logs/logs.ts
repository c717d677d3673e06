import os from 'node:os';
import path from 'node:path';
import { FileSink } from './file-sink.ts';
import {
  type AccessRecord,
  type Fields,
  formatAccessLine,
  formatCcbuLine,
  formatFileTimestamp,
  formatOpenfireTime,
  Severity,
} from './format.ts';
import { neutralizeLine } from './neutralize.ts';

export interface LogsOptions {
  /** Root log directory; each component writes into its own folder below it, as Finesse does. */
  dir: string;
  /** Address printed in every webservices line (the seed's `10.10.10.211`). */
  nodeAddress?: string;
  now?: () => number;
  /** Rotate a file once it passes this size (default 20 MiB). */
  maxFileBytes?: number;
  /** Keep this many files per log (default 20). */
  maxFiles?: number;
  /** Notification-service debug log on at start (switchable at run time). */
  notifyDebug?: boolean;
  /** Client logs: rotate an agent's file past this size (default 5 MiB) and keep this many (default 5). */
  clientLogMaxFileBytes?: number;
  clientLogMaxFiles?: number;
  /**
   * Write every log as JSON lines, for log shippers: webservices records with their fields,
   * access records, and `{time, log, text}` for the notification, CTI and CTI-server logs (text
   * being what follows the timestamp in the plain shape). The tools read both shapes.
   */
  json?: boolean;
  /**
   * Also hand every record, as one JSON line with its `log` name, to this writer (standard output
   * for systemd's journal and container runtimes: `--log-stdout`). Client logs stay files.
   */
  stdout?: { (line: string): void; flushSync?(): void };
  /** Also told of every access record (the node's REST metrics). */
  onAccess?: (record: AccessRecord) => void;
}

export interface WebservicesLog {
  log(thread: string, severity: Severity, mnemonic: string, fields: Fields, text: string): void;
  info(thread: string, mnemonic: string, fields: Fields, text: string): void;
  error(thread: string, mnemonic: string, fields: Fields, text: string): void;
  debug(thread: string, mnemonic: string, fields: Fields, text: string): void;
  /** Webservices debug lines are written only while this is on. */
  debugEnabled: boolean;
  readonly file: string;
}

/** Openfire-style `yyyy.MM.dd HH:mm:ss.SSS message` lines. */
export interface TextLog {
  write(text: string): void;
  enabled: boolean;
  readonly file: string;
}

export interface AccessLog {
  write(r: Omit<AccessRecord, 'time'> & { time?: number }): void;
  readonly file: string;
}

export interface ClientLogs {
  write(agentId: string, text: string): void;
}

export interface Logs {
  readonly dir: string;
  webservices: WebservicesLog;
  /** Notification service `openfire/info.log`. */
  notifyInfo: TextLog;
  /** Notification service `openfire/debug.log`, off unless switched on. */
  notifyDebug: TextLog;
  /** Tomcat-style `localhost_access_log`. */
  access: AccessLog;
  /** CTI message log: raw bytes and decoded messages, both directions. */
  cti: TextLog;
  /** The CTI simulator's own trace (the seed's `Trace: AGENT_EVENT: …` lines). */
  ctiServer: TextLog;
  /**
   * Desktop logs uploaded through `POST /User/{id}/ClientLog`, as the desktop wrote them: one
   * file per agent, `clientlogs/<agentId>/<agentId>.<timestamp>.log`, each upload appended, with
   * size-based rotation and a per-agent retention limit.
   */
  clientLogs: ClientLogs;
  flush(): Promise<void>;
  flushSync(): void;
  /** Opens every log file again by its name (logrotate moved them away; SIGHUP). */
  reopen(): void;
}

export function createLogs(opts: LogsOptions): Logs {
  const now = opts.now ?? Date.now;
  const node = opts.nodeAddress ?? firstAddress();
  const maxFileBytes = opts.maxFileBytes ?? 20 * 1024 * 1024;
  const maxFiles = opts.maxFiles ?? 20;
  const sinks: FileSink[] = [];
  const sink = (sub: string, prefix: string, fileName: () => string, archiveName?: () => string) => {
    const s = new FileSink({
      dir: path.join(opts.dir, sub),
      prefix,
      fileName,
      archiveName,
      maxFileBytes,
      maxFiles,
    });
    sinks.push(s);
    return s;
  };

  const ws = sink(
    'webservices',
    'Desktop-webservices.',
    () => `Desktop-webservices.${formatFileTimestamp(now())}.log`,
  );
  let seq = 0;
  const webservices: WebservicesLog = {
    debugEnabled: false,
    get file() {
      return ws.file;
    },
    log(thread, severity, mnemonic, fields, text) {
      if (severity === Severity.DEBUG && !this.debugEnabled) return;
      const rec = { seq: ++seq, node, time: now(), thread, severity, mnemonic, fields, text };
      const json = () => {
        const f = Array.isArray(fields) ? Object.fromEntries(fields) : fields;
        return { ...rec, time: new Date(rec.time).toISOString(), fields: f };
      };
      if (opts.json) ws.write(JSON.stringify(json()));
      else ws.write(formatCcbuLine(rec));
      opts.stdout?.(JSON.stringify({ log: 'webservices', ...json() }));
    },
    info(thread, mnemonic, fields, text) {
      this.log(thread, Severity.INFO, mnemonic, fields, text);
    },
    error(thread, mnemonic, fields, text) {
      this.log(thread, Severity.ERROR, mnemonic, fields, text);
    },
    debug(thread, mnemonic, fields, text) {
      this.log(thread, Severity.DEBUG, mnemonic, fields, text);
    },
  };

  const textLog = (s: FileSink, log: string, enabled: boolean): TextLog => ({
    enabled,
    get file() {
      return s.file;
    },
    write(text: string) {
      if (!this.enabled) return;
      const time = now();
      const json = () => JSON.stringify({ time: new Date(time).toISOString(), log, text });
      if (opts.json) s.write(json());
      // One record, one line, whatever the text quotes (neutralize.ts).
      else s.write(`${formatOpenfireTime(time)} ${neutralizeLine(text)}`);
      opts.stdout?.(json());
    },
  });
  const stamp = () => formatFileTimestamp(now());
  const info = sink(
    'openfire',
    'info',
    () => 'info.log',
    () => `info.${stamp()}.log`,
  );
  const debug = sink(
    'openfire',
    'debug',
    () => 'debug.log',
    () => `debug.${stamp()}.log`,
  );
  const cti = sink('cti', 'cti.', () => `cti.${stamp()}.log`);
  const ctiServer = sink('cti-server', 'ctisvr.', () => `ctisvr.${stamp()}.log`);
  const accessSink = sink(
    'tomcat',
    'localhost_access_log.',
    () => `localhost_access_log.${stamp().slice(0, 10)}.txt`,
  );

  const perAgent = new Map<string, FileSink>();
  const clientLogs: ClientLogs = {
    write(agentId, text) {
      // Login ids are restricted to [A-Za-z0-9._-] by the store; never trust that for a path.
      const safe = agentId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
      let s = perAgent.get(safe);
      if (!s) {
        s = new FileSink({
          dir: path.join(opts.dir, 'clientlogs', safe),
          prefix: `${safe}.`,
          fileName: () => `${safe}.${stamp()}.log`,
          maxFileBytes: opts.clientLogMaxFileBytes ?? 5 * 1024 * 1024,
          maxFiles: opts.clientLogMaxFiles ?? 5,
        });
        perAgent.set(safe, s);
        sinks.push(s);
      }
      // On disk before the upload is acknowledged, as an error report must be.
      s.write(text);
      s.flushSync();
    },
  };

  return {
    dir: opts.dir,
    clientLogs,
    webservices,
    notifyInfo: textLog(info, 'openfire/info', true),
    notifyDebug: textLog(debug, 'openfire/debug', opts.notifyDebug ?? false),
    cti: textLog(cti, 'cti', true),
    ctiServer: textLog(ctiServer, 'cti-server', true),
    access: {
      get file() {
        return accessSink.file;
      },
      write(r) {
        const rec = { ...r, time: r.time ?? now() };
        const json = () => ({ ...rec, time: new Date(rec.time).toISOString() });
        if (opts.json) accessSink.write(JSON.stringify(json()));
        else accessSink.write(formatAccessLine(rec));
        opts.onAccess?.(rec);
        opts.stdout?.(JSON.stringify({ log: 'access', ...json() }));
      },
    },
    async flush() {
      await Promise.all(sinks.map((s) => s.flush()));
    },
    flushSync() {
      for (const s of sinks) s.flushSync();
      opts.stdout?.flushSync?.();
    },
    reopen() {
      for (const s of sinks) s.reopen();
    },
  };
}

function firstAddress(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
