import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualTimers } from '../../../clock/testing/manual-timers.ts';
import { ClientLog, formatServerTime } from './client-log.ts';

const T = Date.parse('2019-01-11T17:24:14.586Z');

describe('client log', () => {
  it('writes the finesse.js ClientLogger line: local time, empty session key, host, server time, component', () => {
    const log = new ClientLog({ timers: new ManualTimers(T) });
    log.host = 'fin1.ucce.local';
    log.driftMs = -9;
    log.serverOffsetMin = -360;
    log.log('Header', 'Client: …, Drift: -9 ms');
    assert.match(
      log.text(),
      /^2019-01-1\dT\d\d:\d\d:14\.586 [+-]\d\d:\d\d: : fin1\.ucce\.local: Jan 11 2019 11:24:14\.577 -0600: Header : Client: …, Drift: -9 ms$/,
    );
  });

  it('shows the placeholder server time until the drift is known', () => {
    const log = new ClientLog({ timers: new ManualTimers(T) });
    log.log('Container', 'x');
    assert.match(log.text(), /: --- -- ---- --:--:--\.--- -----: Container : x$/);
  });

  it('formats server time in the server zone', () => {
    assert.equal(formatServerTime(T, 0), 'Jan 11 2019 17:24:14.586 +0000');
    assert.equal(formatServerTime(T, 330), 'Jan 11 2019 22:54:14.586 +0530');
  });

  it('keeps only the newest entries, and uploads the newest lines that fit', () => {
    const log = new ClientLog({ maxEntries: 3, timers: new ManualTimers(T) });
    for (const m of ['a', 'b', 'c', 'd']) log.log('C', m);
    assert.deepEqual(
      log.entries.map((e) => e.message),
      ['b', 'c', 'd'],
    );
    const oneLine = log.format(log.entries[2]).length;
    assert.deepEqual(
      log
        .text(oneLine * 2 + 1)
        .split('\n')
        .map((l) => l.slice(-1)),
      ['c', 'd'],
    );
  });

  it('survives a reload through storage and ignores a corrupt copy', async () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const timers = new ManualTimers(T);
    const first = new ClientLog({ storage, timers });
    first.log('C', 'kept', 'req-1');
    first.log('C', 'batched', 'req-2');
    assert.equal(timers.pending, 1, 'one batched write for a burst');
    timers.advance(999);
    assert.equal(store.size, 0, 'nothing written before the batch is due');
    timers.advance(1);
    assert.deepEqual(new ClientLog({ storage }).entries, [
      { time: T, component: 'C', message: 'kept', requestId: 'req-1' },
      { time: T, component: 'C', message: 'batched', requestId: 'req-2' },
    ]);
    store.set('switchboard.desktop.clientLog', '{not json');
    assert.deepEqual(new ClientLog({ storage }).entries, []);
  });
});
