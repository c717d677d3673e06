import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressKey, isLoopbackIp, mayUsePlain } from './address.ts';
import { FailureThrottle } from './throttle.ts';

describe('the failure throttle', () => {
  const make = (now: () => number, maxKeys?: number) =>
    new FailureThrottle({
      freeFailures: 2,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      forgetAfterMs: 60_000,
      maxKeys,
      now,
    });

  it('lets the free failures through, then doubles the wait after each further one, up to the maximum', () => {
    let t = 0;
    const th = make(() => t);
    th.failed('a');
    th.failed('a');
    assert.equal(th.waitMs('a'), 0, 'two free failures');
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      th.failed('a');
      waits.push(th.waitMs('a'));
      t += th.waitMs('a');
      assert.equal(th.waitMs('a'), 0, 'after the wait, the next attempt is checked');
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 8000, 8000]);
    assert.equal(th.waitMs('b'), 0, 'other keys are not slowed');
  });

  it('forgets a key some time after its last failure, and a success takes failures back', () => {
    let t = 0;
    const th = make(() => t);
    for (let i = 0; i < 4; i++) th.failed('a');
    assert.equal(th.waitMs('a'), 2000);
    th.succeeded('a', false);
    assert.equal(th.waitMs('a'), 1000, 'one failure taken back');
    th.succeeded('a', true);
    assert.equal(th.waitMs('a'), 0, 'reset');
    for (let i = 0; i < 4; i++) th.failed('a');
    t += 60_000;
    assert.equal(th.waitMs('a'), 0, 'forgotten');
  });

  it('keeps at most maxKeys keys, dropping the one failed longest ago', () => {
    const th = make(() => 0, 2);
    for (const k of ['a', 'b', 'c']) for (let i = 0; i < 3; i++) th.failed(k);
    assert.equal(th.waitMs('a'), 0);
    assert.ok(th.waitMs('b') > 0 && th.waitMs('c') > 0);
  });
});

describe('source addresses', () => {
  it('count IPv4 addresses alone and IPv6 by /64, IPv4-mapped IPv6 as IPv4', () => {
    assert.equal(addressKey('10.1.2.3'), '10.1.2.3');
    assert.equal(addressKey('::ffff:10.1.2.3'), '10.1.2.3');
    assert.equal(addressKey('2001:db8:0:1:aaaa::5'), '2001:db8:0:1::/64');
    assert.equal(addressKey('2001:0db8:0000:0001:ffff:1:2:3'), '2001:db8:0:1::/64');
    assert.equal(addressKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(addressKey('::1'), '0:0:0:0::/64');
  });

  it('apply --plain-auth: TLS always, otherwise loopback only by default, always or never', () => {
    for (const ip of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1']) assert.ok(isLoopbackIp(ip), ip);
    for (const ip of ['10.0.0.1', '::2', '128.0.0.1', '::ffff:10.0.0.1']) assert.ok(!isLoopbackIp(ip), ip);
    const other = { isSecure: false, ip: '10.0.0.1' };
    const local = { isSecure: false, ip: '127.0.0.1' };
    assert.equal(mayUsePlain('loopback', other), false);
    assert.equal(mayUsePlain('loopback', local), true);
    assert.equal(mayUsePlain('loopback', { ...other, isSecure: true }), true);
    assert.equal(mayUsePlain(true, other), true);
    assert.equal(mayUsePlain(false, local), false);
    assert.equal(mayUsePlain(false, { ...other, isSecure: true }), true);
  });
});
