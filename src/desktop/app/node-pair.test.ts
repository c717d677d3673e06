import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SystemInfo } from './client/models.ts';
import { alternateOrigin, originForHost } from './node-pair.ts';

const info = (primaryHost: string, secondaryHost: string, xmppDomain = primaryHost) =>
  ({ primaryHost, secondaryHost, xmppDomain }) as SystemInfo;

describe('the other node of the pair', () => {
  it('is the secondary when the desktop is on the primary, and the other way round', () => {
    assert.equal(
      alternateOrigin(info('fin1.example', 'fin2.example'), 'https://fin1.example:8445'),
      'https://fin2.example:8445',
    );
    assert.equal(
      alternateOrigin(info('fin1.example', 'fin2.example', 'fin2.example'), 'https://fin2.example:8445'),
      'https://fin1.example:8445',
    );
  });

  it('tells two nodes on one host apart by port, and is absent on a single node', () => {
    assert.equal(
      alternateOrigin(info('box', '127.0.0.1:9002', 'localhost'), 'http://127.0.0.1:9001'),
      'http://127.0.0.1:9002',
    );
    assert.equal(
      alternateOrigin(info('box', '127.0.0.1:9002', 'localhost'), 'http://127.0.0.1:9002'),
      'http://box:9002',
    );
    assert.equal(alternateOrigin(info('fin1.example', ''), 'https://fin1.example'), undefined);
    assert.equal(originForHost('fin2.example', 'http://fin1.example'), 'http://fin2.example');
  });
});
