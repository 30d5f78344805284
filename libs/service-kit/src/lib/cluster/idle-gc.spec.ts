import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  IdleWatch,
  MIN_IDLE_GC_INTERVAL_MS,
  QUIET_UTILIZATION,
  YOUNG_SHRINK_AFTER_MS,
  startIdleGc,
} from './idle-gc';

const BUSY = 0.6;
const QUIET = QUIET_UTILIZATION / 2;

describe('IdleWatch (when a worker has gone quiet after a busy period)', () => {
  it('collects once, after the quiet has lasted idleMs, and not again while it stays quiet', () => {
    const watch = new IdleWatch(2_000);
    expect(watch.sample(BUSY, 0)).toBe(false);
    expect(watch.sample(QUIET, 500)).toBe(false);
    expect(watch.sample(QUIET, 2_000)).toBe(false);
    expect(watch.sample(QUIET, 2_500)).toBe(true);
    expect(watch.sample(QUIET, 3_000)).toBe(false);
    expect(watch.sample(QUIET, 60_000)).toBe(false);
  });

  it('never collects in a worker that was never busy (a trickle of requests)', () => {
    const watch = new IdleWatch(1_000);
    for (let t = 0; t < 60_000; t += 500) expect(watch.sample(QUIET, t)).toBe(false);
  });

  it('starts the quiet again when load comes back before idleMs, and collects again after a new busy period', () => {
    const watch = new IdleWatch(2_000);
    watch.sample(BUSY, 0);
    watch.sample(QUIET, 500);
    expect(watch.sample(BUSY, 2_000)).toBe(false);
    expect(watch.sample(QUIET, 2_500)).toBe(false);
    expect(watch.sample(QUIET, 4_000)).toBe(false);
    expect(watch.sample(QUIET, 4_500)).toBe(true);
    watch.sample(BUSY, 20_000);
    expect(watch.sample(QUIET, 20_500)).toBe(false);
    expect(watch.sample(QUIET, 22_500)).toBe(true);
  });

  it('collects at most once in MIN_IDLE_GC_INTERVAL_MS, however often short lulls follow bursts', () => {
    const watch = new IdleWatch(2_000);
    const collections: number[] = [];
    // 0.5 s busy, 2.5 s quiet, for a minute.
    for (let t = 0; t < 60_000; t += 500)
      if (watch.sample(t % 3_000 === 0 ? BUSY : QUIET, t)) collections.push(t);
    expect(collections.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < collections.length; i++)
      expect(collections[i] - collections[i - 1]).toBeGreaterThanOrEqual(MIN_IDLE_GC_INTERVAL_MS);
  });
});

describe('IdleWatch.youngShrinkDue (one scavenge once V8 sees the allocation rate low)', () => {
  it('is due once, YOUNG_SHRINK_AFTER_MS after the idle collection', () => {
    const watch = new IdleWatch(2_000);
    watch.sample(BUSY, 0);
    watch.sample(QUIET, 500);
    expect(watch.youngShrinkDue(1_000)).toBe(false);
    expect(watch.sample(QUIET, 2_500)).toBe(true);
    expect(watch.youngShrinkDue(2_500 + YOUNG_SHRINK_AFTER_MS - 500)).toBe(false);
    expect(watch.youngShrinkDue(2_500 + YOUNG_SHRINK_AFTER_MS)).toBe(true);
    expect(watch.youngShrinkDue(60_000)).toBe(false);
  });

  it('is not due when the load came back in between', () => {
    const watch = new IdleWatch(2_000);
    watch.sample(BUSY, 0);
    watch.sample(QUIET, 500);
    expect(watch.sample(QUIET, 2_500)).toBe(true);
    watch.sample(BUSY, 4_000);
    expect(watch.youngShrinkDue(2_500 + YOUNG_SHRINK_AFTER_MS)).toBe(false);
  });
});

describe('startIdleGc', () => {
  it('does nothing without gc() (a single process started without --expose-gc) or with 0', () => {
    expect(() => startIdleGc(2_000, undefined).stop()).not.toThrow();
    const gc = jest.fn();
    startIdleGc(0, gc).stop();
    expect(gc).not.toHaveBeenCalled();
  });

  // A real process with a real V8 heap: what an operator sees in RSS once the load is over.
  const CHILD = join(__dirname, 'testing', 'idle-gc-child.ts');
  const run = (idleMs: number, quietMs = 3_000) => {
    const result = spawnSync(
      process.execPath,
      ['--expose-gc', '-r', '@swc-node/register', CHILD, String(idleMs), String(quietMs)],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as {
      atEnd: { heapMiB: number; rssMiB: number; youngMiB: number };
      quiet: { heapMiB: number; rssMiB: number; youngMiB: number };
      collections: number;
      scavenges: number;
      releasedBeforeCollection: number;
    };
  };

  it('gives the garbage of a busy period back to the OS within seconds of going quiet', () => {
    const off = run(0);
    const on = run(1_000);
    const freed = (r: typeof on) => r.atEnd.rssMiB - r.quiet.rssMiB;
    expect(on.collections).toBe(1);
    expect(freed(on)).toBeGreaterThan(30);
    // 14.5-40 MiB of heap given back, depending on how busy the machine is (RSS above is the aim).
    expect(on.quiet.heapMiB).toBeLessThan(on.atEnd.heapMiB - 10);
    expect(off.collections).toBe(0);
    // The whenIdle releases (bootstrapService's: the folded aggregate states) run once, before it.
    expect(on.releasedBeforeCollection).toBe(1);
    expect(off.releasedBeforeCollection).toBe(0);
  }, 60_000);

  it('shrinks the young generation the load grew once the quiet has lasted YOUNG_SHRINK_AFTER_MS', () => {
    const on = run(1_000, 1_000 + YOUNG_SHRINK_AFTER_MS + 1_500);
    expect(on.collections).toBe(1);
    expect(on.scavenges).toBe(1);
    expect(on.quiet.youngMiB).toBeLessThan(on.atEnd.youngMiB / 2);
  }, 60_000);
});
