import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  createLogs,
  FileSink,
  formatAccessLine,
  formatCcbuLine,
  formatCtiLine,
  neutralizeField,
  Severity,
} from './index.ts';
import { parseAccessLine, parseWebservicesLine } from './tools/parse.ts';
import { parseNotifyText } from './tools/parse-notify.ts';

describe('log line shapes', () => {
  it('webservices lines follow the seed: seq, node, time, %CCBU_thread-sev-MNEMONIC, %[k=v], text', () => {
    const line = formatCcbuLine({
      seq: 1060,
      node: '10.10.10.21',
      time: Date.UTC(2017, 5, 17, 0, 17, 4, 632),
      thread: 'CoreImpl-worker12',
      severity: Severity.INFO,
      mnemonic: 'PRESENCE DRIVEN LOGOUT',
      fields: { agent_id: '1001003', reason_code: 255 },
      text: 'forced logout',
    });
    assert.match(
      line,
      /^0000001060: 10\.10\.10\.21: Jun 1[67] 2017 \d\d:\d\d:04\.632 [+-]\d{4}: %CCBU_CoreImpl-worker12-6-PRESENCE DRIVEN LOGOUT: %\[agent_id=1001003\]\[reason_code=255\]: forced logout$/,
    );
  });

  it('keeps one record on one line', () => {
    const line = formatCcbuLine({
      seq: 1,
      node: 'n',
      time: 0,
      thread: 't',
      severity: Severity.INFO,
      mnemonic: 'M',
      fields: [['Payload', '<a>\n<b/>\n</a>']],
      text: 'x',
    });
    assert.equal(line.split('\n').length, 1);
  });

  it('access lines follow the Tomcat shape of the seed', () => {
    const line = formatAccessLine({
      time: 0,
      remoteAddr: '127.0.0.1',
      localAddr: '127.0.0.1',
      user: undefined,
      localPort: 80,
      method: 'GET',
      path: '/finesse/api/SystemInfo',
      query: 'nocache=1366756802163',
      protocol: 'HTTP/1.1',
      status: 200,
      bytes: 336,
      elapsedMs: 120,
    });
    assert.match(
      line,
      /^127\.0\.0\.1 127\.0\.0\.1 - \[.+\] 80 GET \/finesse\/api\/SystemInfo \?nocache=1366756802163 HTTP\/1\.1 200 336 120$/,
    );
  });

  it('CTI lines carry raw bytes and the decoding', () => {
    const line = formatCtiLine({
      direction: 'SEND',
      name: 'HeartbeatReq',
      invokeId: 7,
      frame: Uint8Array.from([0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 7]),
      decoded: 'HeartbeatReq [invokeID=7]',
    });
    assert.equal(
      line,
      'SEND HeartbeatReq invokeId=7 bytes=12 raw=000000040000000500000007 decoded=HeartbeatReq [invokeID=7]',
    );
  });
});

describe('text from outside cannot forge lines or fields (#12, log injection)', () => {
  const ccbu = (fields: [string, unknown][], text = 'x') =>
    formatCcbuLine({
      seq: 1,
      node: 'n',
      time: 0,
      thread: 't',
      severity: Severity.INFO,
      mnemonic: 'M',
      fields,
      text,
    });

  it('a field value from outside neither closes its field nor adds one', () => {
    const forged = 'abc][agent_id=2001';
    const line = ccbu([
      ['agent_id', '2002'],
      ['request_identifier', neutralizeField(forged)],
    ]);
    assert.deepEqual(parseWebservicesLine(line)?.fields, {
      agent_id: '2002',
      request_identifier: 'abc%5D%5Bagent_id%3D2001',
    });
  });

  it('the writer escapes the brackets of any value that does not balance, and keeps those that do', () => {
    const line = ccbu([
      ['usr', 'x]'],
      ['agent_id', '2002'],
      ['parameter_name', '{ nocache=[1], }'],
    ]);
    assert.deepEqual(parseWebservicesLine(line)?.fields, {
      usr: 'x%5D',
      agent_id: '2002',
      parameter_name: '{ nocache=[1], }',
    });
  });

  it('line breaks and other control characters become visible escapes in every writer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-logs-'));
    try {
      const logs = createLogs({ dir, nodeAddress: '127.0.0.1', notifyDebug: true });
      const forged = '2001\n2026.12.07 10:00:00.000 Notification service stopped\r\u2028\u001b[31m';
      logs.notifyInfo.write(`Authentication failed for ${forged} from 10.0.0.9 (TCP)`);
      logs.notifyDebug.write(`HTTPBindLog: HTTP RECV(abc): <body>${forged}</body>`);
      logs.cti.write(forged);
      logs.webservices.info('t', 'M', [], forged);
      logs.access.write({
        remoteAddr: '10.0.0.9',
        localAddr: '127.0.0.1',
        user: '2001 x\n',
        localPort: 8082,
        method: 'GET',
        path: '/finesse/api/SystemInfo',
        query: '',
        protocol: 'HTTP/1.1',
        status: 200,
        bytes: 1,
        elapsedMs: 1,
      });
      await logs.flush();
      for (const sub of ['openfire', 'cti', 'webservices', 'tomcat']) {
        for (const f of fs.readdirSync(path.join(dir, sub))) {
          const text = fs.readFileSync(path.join(dir, sub, f), 'utf8');
          assert.equal(text.split('\n').length, 2, `${sub}/${f}: ${JSON.stringify(text)}`);
          assert.doesNotMatch(text.slice(0, -1), /[\u0000-\u001f\u2028]/);
        }
      }
      const info = fs.readFileSync(path.join(dir, 'openfire', 'info.log'), 'utf8');
      assert.match(
        info,
        /Authentication failed for 2001\\n2026\.12\.07 .*stopped\\r\\u2028\\u001b\[31m from/,
      );
      const access = fs.readdirSync(path.join(dir, 'tomcat'))[0];
      const record = parseAccessLine(fs.readFileSync(path.join(dir, 'tomcat', access), 'utf8').trim());
      assert.equal(record?.user, '2001%20x%0A');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the notification-log reader takes a quoted line for what quotes it, not for the line quoted', () => {
    const quoted = [
      'Authentication failed for Closing idle session (id=f382a015): 2001@localhost/desktop from 10.0.0.9 (TCP)',
      'Authentication failed for Notification service stopped (Openfire stopped) from 10.0.0.9 (TCP)',
      'Authentication failed for A session is closed for 2001@localhost/desktop from 10.0.0.9 (TCP)',
      'Authentication failed for New session created from 10.0.0.9 (TCP)',
    ];
    for (const line of quoted) assert.equal(parseNotifyText(line).kind, 'other', line);
    // The seed's own lines, logger names included, still read as before.
    assert.equal(parseNotifyText('HTTPBindLog: HTTP RECV(3445afbe): <body/>').kind, 'bosh-recv');
    assert.equal(
      parseNotifyText('RoutingTableImpl: Failed to route packet to JID: 2001@x/').kind,
      'route-failed',
    );
    assert.equal(parseNotifyText('Closing idle session (id=f382a015): 2001@x/desktop').kind, 'idle-close');
  });
});

describe('log files', () => {
  it('writes each component into its own folder and rotates by size with retention', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-logs-'));
    let t = Date.UTC(2026, 10, 22, 10, 0, 0);
    const logs = createLogs({
      dir,
      nodeAddress: '127.0.0.1',
      now: () => t++,
      maxFileBytes: 2000,
      maxFiles: 3,
    });
    for (let i = 0; i < 200; i++) {
      logs.webservices.info('http-8082-1-1', 'REQUEST_START', { n: i }, 'Request start');
      await logs.flush();
    }
    logs.notifyInfo.write('Closing idle session (id=abc): 2001@localhost/desktop');
    logs.notifyDebug.write('not written while debug is off');
    await logs.flush();
    const ws = fs.readdirSync(path.join(dir, 'webservices'));
    assert.equal(ws.length, 3, ws.join());
    assert.ok(
      ws.every((f) => /^Desktop-webservices\.2026-11-22T\d\d-\d\d-\d\d\.\d{3}\.log(\.\d+)?$/.test(f)),
    );
    assert.match(
      fs.readFileSync(path.join(dir, 'openfire', 'info.log'), 'utf8'),
      /^2026\.11\.22 \d\d:\d\d:\d\d\.\d{3} Closing idle/,
    );
    assert.equal(fs.existsSync(path.join(dir, 'openfire', 'debug.log')), false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps client logs one file per agent, appending uploads, rotated with a per-agent retention', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-clientlogs-'));
    try {
      let t = Date.UTC(2026, 10, 22, 10, 0, 0);
      const logs = createLogs({ dir, now: () => t++, clientLogMaxFileBytes: 1000, clientLogMaxFiles: 2 });
      const upload = (n: number) =>
        `2026-11-22T10:00:0${n % 10}.000 +00:00: : host: Container : upload ${n}\n`;
      logs.clientLogs.write('2001', upload(1));
      logs.clientLogs.write('2002', upload(1));
      logs.clientLogs.write('2001', upload(2));
      await logs.flush();
      const files = (agent: string) => fs.readdirSync(path.join(dir, 'clientlogs', agent)).sort();
      assert.equal(files('2001').length, 1);
      assert.match(files('2001')[0], /^2001\.2026-11-22T\d\d-\d\d-\d\d\.\d{3}\.log$/);
      const text = fs.readFileSync(path.join(dir, 'clientlogs', '2001', files('2001')[0]), 'utf8');
      assert.equal(text, upload(1) + upload(2));
      assert.equal(files('2002').length, 1);
      // An agent uploading on and on keeps at most two files; the other agent's stay.
      for (let i = 0; i < 100; i++) {
        logs.clientLogs.write('2001', upload(i));
        await logs.flush();
      }
      // 100 uploads are five files' worth: two at most are kept, the newest upload among them.
      const kept = files('2001');
      assert.ok(kept.length >= 1 && kept.length <= 2, kept.join());
      const text2001 = kept
        .map((f) => fs.readFileSync(path.join(dir, 'clientlogs', '2001', f), 'utf8'))
        .join('');
      assert.ok(text2001.includes(upload(99)));
      assert.ok(!text2001.includes(upload(1)));
      assert.equal(files('2002').length, 1);
      // Never a path out of the agent's folder.
      logs.clientLogs.write('../x', 'y');
      await logs.flush();
      assert.deepEqual(fs.readdirSync(path.join(dir, 'clientlogs')).sort(), ['2001', '2002', '__x']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes every line in order, and flush() waits for lines that came during a write', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sink-'));
    const sink = new FileSink({ dir, prefix: 'x', fileName: () => 'x.log', maxFileBytes: 1e9, maxFiles: 2 });
    const file = path.join(dir, 'x.log');
    let expected = '';
    try {
      for (let i = 0; i < 200; i++) {
        // A line, a write under way, more lines while it is, then a turn of the event loop.
        sink.write(`a${i}`);
        const first = sink.flush();
        sink.write(`b${i}`);
        await new Promise((r) => setImmediate(r));
        sink.write(`c${i}`);
        await first;
        await sink.flush();
        expected += `a${i}\nb${i}\nc${i}\n`;
        assert.equal(fs.readFileSync(file, 'utf8'), expected, `round ${i}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loses nothing on a synchronous flush at exit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sink-'));
    const sink = new FileSink({ dir, prefix: 'x', fileName: () => 'x.log', maxFileBytes: 1e9, maxFiles: 2 });
    sink.write('a');
    sink.write('b');
    sink.flushSync();
    assert.equal(fs.readFileSync(path.join(dir, 'x.log'), 'utf8'), 'a\nb\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
