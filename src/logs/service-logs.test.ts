/** Logs as a service manager wants them: files reopened after logrotate, JSON lines on stdout. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createLineBatcher, createLogs, FileSink } from './index.ts';

describe('logs for services', () => {
  it('writes to a new file by the same name after reopen(), as logrotate (create) expects', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-reopen-'));
    const sink = new FileSink({ dir, prefix: 'x', fileName: () => 'x.log', maxFileBytes: 1e9, maxFiles: 5 });
    const file = path.join(dir, 'x.log');
    try {
      sink.write('before');
      await sink.flush();
      // logrotate renames the file while the descriptor is still open, then signals.
      fs.renameSync(file, `${file}.1`);
      sink.write('still before (descriptor open)');
      await sink.flush();
      sink.write('after');
      sink.reopen();
      await sink.flush();
      assert.equal(fs.readFileSync(`${file}.1`, 'utf8'), 'before\nstill before (descriptor open)\n');
      assert.equal(fs.readFileSync(file, 'utf8'), 'after\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('mirrors every record as one JSON line to standard output, files unchanged (--log-stdout)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-stdout-'));
    const chunks: string[] = [];
    const stdout = createLineBatcher((chunk) => chunks.push(chunk));
    const logs = createLogs({ dir, nodeAddress: '10.0.0.1', now: () => Date.UTC(2026, 10, 22, 10), stdout });
    try {
      logs.webservices.info('main', 'REQUEST_START', { requestId: 'r1' }, 'line one\nline two');
      logs.notifyInfo.write('Notification service started');
      logs.access.write({
        remoteAddr: '127.0.0.1',
        localAddr: '127.0.0.1',
        user: 'admin',
        localPort: 8082,
        method: 'GET',
        path: '/finesse/api/SystemInfo',
        query: '',
        protocol: 'HTTP/1.1',
        status: 200,
        bytes: 10,
        elapsedMs: 1,
      });
      assert.equal(chunks.length, 0, 'one write per turn of the event loop');
      await new Promise((r) => setImmediate(r));
      assert.equal(chunks.length, 1);
      const records = chunks
        .join('')
        .trimEnd()
        .split('\n')
        .map((l: string) => JSON.parse(l));
      assert.deepEqual(
        records.map((r) => [r.log, r.time]),
        [
          ['webservices', '2026-11-22T10:00:00.000Z'],
          ['openfire/info', '2026-11-22T10:00:00.000Z'],
          ['access', '2026-11-22T10:00:00.000Z'],
        ],
      );
      assert.deepEqual(
        [records[0].severity, records[0].mnemonic, records[0].fields],
        [6, 'REQUEST_START', { requestId: 'r1' }],
      );
      assert.equal(records[0].text, 'line one\nline two');
      await logs.flush();
      assert.match(
        fs.readFileSync(logs.webservices.file, 'utf8'),
        /%CCBU_main-6-REQUEST_START: %\[requestId=r1\]/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
