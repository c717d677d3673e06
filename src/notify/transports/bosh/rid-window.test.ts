import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RidWindow } from './rid-window.ts';

describe('RidWindow (XEP-0124 §14)', () => {
  it('places rids: repeat, in the window, beyond it', () => {
    const w = new RidWindow<string>(100, 2);
    assert.equal(w.position(99), 'repeat');
    assert.equal(w.position(100), 'repeat');
    assert.equal(w.position(101), 'in-window');
    assert.equal(w.position(102), 'in-window');
    assert.equal(w.position(103), 'beyond');
  });

  it('releases parked requests only in rid order, once the gap fills', () => {
    const w = new RidWindow<string>(100, 2);
    w.park(102, 'b');
    assert.deepEqual([...w.takeInSequence()], []);
    assert.equal(w.waitingCount, 1);
    assert.equal(w.highestRid, 102, 'a rid parked ahead of the gap is the highest received');
    w.park(101, 'a');
    assert.deepEqual(
      [...w.takeInSequence()],
      [
        [101, 'a'],
        [102, 'b'],
      ],
    );
    assert.equal(w.lastRid, 102);
    assert.equal(w.position(104), 'in-window');
  });

  it('replaces a parked request resent with the same rid, and unparks only its own', () => {
    const w = new RidWindow<string>(1, 2);
    assert.equal(w.park(3, 'first'), undefined);
    assert.equal(w.park(3, 'second'), 'first');
    w.unpark(3, 'first');
    assert.equal(w.waitingCount, 1);
    w.unpark(3, 'second');
    assert.equal(w.waitingCount, 0);
  });

  it('buffers the last `requests` responses', () => {
    const w = new RidWindow<string>(1, 2);
    for (let rid = 1; rid <= 4; rid++) w.remember(rid, { status: 200, body: `r${rid}` });
    assert.equal(w.response(2), undefined);
    assert.deepEqual(w.response(3), { status: 200, body: 'r3' });
    assert.deepEqual(w.response(4), { status: 200, body: 'r4' });
  });

  it('remembers unanswered rids once, and forgets them as the window moves on', () => {
    const w = new RidWindow<string>(10, 2);
    w.markUnanswered(10);
    assert.equal(w.takeUnanswered(10), true);
    assert.equal(w.takeUnanswered(10), false);
    w.markUnanswered(10);
    w.park(11, 'a');
    w.park(12, 'b');
    [...w.takeInSequence()];
    assert.equal(w.takeUnanswered(10), false, 'fell out of the window');
  });
});
