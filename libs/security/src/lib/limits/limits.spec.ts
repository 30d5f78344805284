import { clientAddressKey } from './client-address';
import { SlidingWindowLimiter } from './sliding-window-limiter';

describe('SlidingWindowLimiter: at most N per key in any rolling window', () => {
  const limiter = () => new SlidingWindowLimiter({ limit: 3, windowSeconds: 60 });

  it('allows N, then refuses with the seconds until the oldest leaves the window', () => {
    const l = limiter();
    expect([l.take('a', 0), l.take('a', 10_000), l.take('a', 20_000)]).toEqual([0, 0, 0]);
    expect(l.take('a', 30_000)).toBe(30);
    expect(l.take('a', 59_999)).toBe(1);
    // The first event left the window: one more is allowed, then the second one must leave.
    expect(l.take('a', 60_000)).toBe(0);
    expect(l.take('a', 60_001)).toBe(10);
  });

  it('counts keys apart, forgets a cleared key and does not count refused takes', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.record('a', 0);
    expect(l.retryAfterSeconds('a', 1000)).toBe(59);
    expect(l.retryAfterSeconds('b', 1000)).toBe(0);
    for (let i = 0; i < 10; i++) expect(l.take('a', 1000)).toBeGreaterThan(0);
    expect(l.take('a', 60_000)).toBe(0);
    l.clear('a');
    expect(l.retryAfterSeconds('a', 60_000)).toBe(0);
  });

  it('keeps at most maxTracked keys, forgetting the least recently used', () => {
    const l = new SlidingWindowLimiter({
      limit: 1,
      windowSeconds: 60,
      maxTracked: 2,
    });
    l.record('a', 0);
    l.record('b', 0);
    l.record('c', 0);
    expect([
      l.retryAfterSeconds('a', 1),
      l.retryAfterSeconds('b', 1),
      l.retryAfterSeconds('c', 1),
    ]).toEqual([0, 60, 60]);
  });

  it('refuses settings that would limit nothing', () => {
    expect(() => new SlidingWindowLimiter({ limit: 0, windowSeconds: 60 })).toThrow(/positive/);
  });
});

describe('clientAddressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002::ffff', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    [undefined, 'unknown'],
    ['', 'unknown'],
    ['not an address', 'unknown'],
  ])('%s -> %s', (address, key) => {
    expect(clientAddressKey(address)).toBe(key);
  });
});
