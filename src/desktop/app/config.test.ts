import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig, notifyUrlFor } from './config.ts';

describe('desktop config', () => {
  it("defaults to Finesse's timers and BOSH on the page's origin", () => {
    const c = loadConfig('');
    assert.equal(c.pollMs, 60_000);
    assert.equal(c.pingMs, 10_000);
    assert.equal(notifyUrlFor('https://fin1:8445', c), 'https://fin1:8445/http-bind');
  });

  it('takes query parameters over stored settings and ignores nonsense', () => {
    const stored: Record<string, string> = {
      'switchboard.desktop.transport': 'websocket',
      'switchboard.desktop.pingMs': '500',
    };
    const c = loadConfig('?pingMs=2000&pollMs=-5&transport=carrier-pigeon', {
      getItem: (k) => stored[k] ?? null,
    });
    assert.equal(c.pingMs, 2000);
    assert.equal(c.pollMs, 60_000);
    assert.equal(c.transport, 'bosh');
    assert.equal(loadConfig('', { getItem: (k) => stored[k] ?? null }).transport, 'websocket');
    assert.equal(
      notifyUrlFor('https://fin1:8445', loadConfig('?transport=websocket')),
      'wss://fin1:8445/ws/',
    );
  });
});
