import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateLogs } from '../../../bench/logs/generate.ts';
import { diagnose, trace } from './index.ts';

// The benchmark's generator at a small size: many agents, interleaved requests, rotation-free.
describe('a busy log directory (bench generator, 8 MB)', () => {
  it('trace finds the one complete chain and diagnose both kinds of drop', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-volume-'));
    try {
      const gen = generateLogs(dir, 8e6);
      const r = await trace(dir, gen.requestId);
      assert.equal(r.brokenAt, undefined);
      assert.equal(r.hops.length, 16);
      const d = await diagnose(dir);
      assert.equal(d.classification, 'mixed');
      assert.deepEqual(d.incidents.map((i) => [i.side, i.cause]).sort(), [
        ['client', 'desktop'],
        ['server', 'simultaneous-drop'],
      ]);
      assert.equal(d.presenceLogouts.length, 7);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
