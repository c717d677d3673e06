import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../cli.ts';

describe('switchboard gadget add|list|remove', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-gadget-cli-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const run = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(['gadget', ...args, '--data-dir', path.join(tmp, 'data')], {
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
      env: {},
    });
    return { code, out, err };
  };

  it('copies a folder in under its name or --name, lists and removes it', async () => {
    const src = path.join(tmp, 'CallRecording');
    fs.mkdirSync(path.join(src, 'images'), { recursive: true });
    fs.writeFileSync(path.join(src, 'CallRecording.xml'), '<Module/>');
    fs.writeFileSync(path.join(src, 'images', 'rec.png'), 'png');
    const added = await run('add', src);
    assert.equal(added.code, 0, added.err);
    assert.match(added.out, /added 2 files to \/3rdpartygadget\/files\/CallRecording\//);
    assert.match(added.out, /gadget spec: \/3rdpartygadget\/files\/CallRecording\/CallRecording.xml/);
    assert.equal((await run('add', src, '--name', 'Rec2')).code, 0);
    const listed = await run('list');
    assert.match(listed.out, /\/3rdpartygadget\/files\/CallRecording\/images\/rec.png/);
    assert.match(listed.out, /\/3rdpartygadget\/files\/Rec2\/CallRecording.xml/);
    assert.equal((await run('remove', 'Rec2')).code, 0);
    assert.doesNotMatch((await run('list')).out, /Rec2/);
    assert.equal((await run('remove', '../..')).code, 1);
    assert.equal((await run('add', src, '--name', '../x')).code, 1);
    assert.equal((await run('frobnicate')).code, 2);
  });
});
