import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SystemInfo } from './client/models.ts';
import { originForHost, otherOrigins } from './node-pair.ts';
import { chooseNode, type ProbeAnswer, probeNodes } from './node-probe.ts';

const info = (primaryHost: string, secondaryHost: string, xmppDomain = primaryHost, nodes?: string[]) =>
  ({ primaryHost, secondaryHost, xmppDomain, nodes }) as SystemInfo;

describe('the other nodes', () => {
  it('are the secondary when the desktop is on the primary, and the other way round', () => {
    assert.deepEqual(otherOrigins(info('fin1.example', 'fin2.example'), 'https://fin1.example:8445'), [
      'https://fin2.example:8445',
    ]);
    assert.deepEqual(
      otherOrigins(info('fin1.example', 'fin2.example', 'fin2.example'), 'https://fin2.example:8445'),
      ['https://fin1.example:8445'],
    );
  });

  it('tell two nodes on one host apart by port, and are none on a single node', () => {
    assert.deepEqual(otherOrigins(info('box', '127.0.0.1:9002', 'localhost'), 'http://127.0.0.1:9001'), [
      'http://box:9001',
      'http://127.0.0.1:9002',
    ]);
    assert.deepEqual(otherOrigins(info('box', '127.0.0.1:9002', 'localhost'), 'http://127.0.0.1:9002'), [
      'http://box:9002',
    ]);
    assert.deepEqual(otherOrigins(info('fin1.example', ''), 'https://fin1.example'), []);
    assert.equal(originForHost('fin2.example', 'http://fin1.example'), 'http://fin2.example');
  });

  it("are every node of a cluster's SystemInfo but this one, once each", () => {
    const cluster = info('127.0.0.1:9001', '127.0.0.1:9002', 'localhost', [
      '127.0.0.1:9001',
      '127.0.0.1:9002',
      '127.0.0.1:9003',
    ]);
    assert.deepEqual(otherOrigins(cluster, 'http://127.0.0.1:9002'), [
      'http://127.0.0.1:9001',
      'http://127.0.0.1:9003',
    ]);
  });
});

describe('choosing a node after a loss', () => {
  const answer = (origin: string, status: string | 0): ProbeAnswer =>
    status === 0 ? { origin, status: 0 } : { origin, status: 200, info: { status } as SystemInfo };

  it('keeps the current node when it answers IN_SERVICE, else picks among the usable at random', () => {
    const answers = [answer('a', 'IN_SERVICE'), answer('b', 'IN_SERVICE'), answer('c', 'OUT_OF_SERVICE')];
    assert.equal(chooseNode(answers, 'a')?.origin, 'a');
    assert.equal(chooseNode(answers, 'x', () => 0)?.origin, 'a');
    assert.equal(chooseNode(answers, 'x', () => 0.99)?.origin, 'b');
    assert.equal(chooseNode([answer('c', 'OUT_OF_SERVICE'), answer('d', 0)], 'x'), undefined);
  });

  it('does not wait for a node that never answers once another is usable', async () => {
    const hung = new Promise<ProbeAnswer>(() => {});
    const answers = await probeNodes(
      ['hung', 'up', 'down'],
      async (o) => (o === 'hung' ? hung : answer(o, o === 'up' ? 'IN_SERVICE' : 0)),
      20,
    );
    assert.deepEqual(answers.map((a) => a.origin).sort(), ['down', 'up']);
  });
});
