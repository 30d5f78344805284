import {
  HASH_ARENA_TUNABLES,
  HashArenaRelease,
  MIN_HASH_RELEASE_INTERVAL_MS,
  hashArenaReleasable,
  hashArenaWorkerEnv,
  startHashArenaRelease,
} from './hash-arena';

describe('hashArenaWorkerEnv (what the primary gives a hashing worker)', () => {
  it('fixes the mmap threshold at 32 MiB and the trim threshold at 26 MiB for the OWASP 19 MiB buffer', () => {
    expect(hashArenaWorkerEnv({}, 19_456, () => true)).toEqual({
      GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=27262976',
    });
  });

  it('leaves GLIBC_TUNABLES the operator set alone', () => {
    expect(hashArenaWorkerEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 19_456)).toEqual({});
  });

  it('adds nothing on another libc, which would ignore it', () => {
    expect(hashArenaWorkerEnv({}, 19_456, () => false)).toEqual({});
  });

  it('adds nothing for buffers too big for the scheme, or a memory cost that is not a number', () => {
    expect(hashArenaWorkerEnv({}, 24 * 1024 + 1)).toEqual({});
    expect(hashArenaWorkerEnv({}, 65_536)).toEqual({});
    expect(hashArenaWorkerEnv({}, Number.NaN)).toEqual({});
  });
});

describe('hashArenaReleasable (whether glibc started with thresholds under which the release works)', () => {
  it('is true under the tunables the primary sets, for buffers that fit below the trim threshold', () => {
    expect(hashArenaReleasable({ GLIBC_TUNABLES: HASH_ARENA_TUNABLES }, 19_456)).toBe(true);
    expect(hashArenaReleasable({ GLIBC_TUNABLES: HASH_ARENA_TUNABLES }, 24 * 1024)).toBe(true);
  });

  it('is false under glibc’s dynamic thresholds, other thresholds, or a buffer too close to the trim threshold', () => {
    expect(hashArenaReleasable({}, 19_456)).toBe(false);
    expect(
      hashArenaReleasable({ GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=27262976' }, 19_456),
    ).toBe(false);
    expect(
      hashArenaReleasable(
        {
          GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=27262976',
        },
        19_456,
      ),
    ).toBe(false);
    expect(hashArenaReleasable({ GLIBC_TUNABLES: HASH_ARENA_TUNABLES }, 25 * 1024)).toBe(false);
  });
});

describe('HashArenaRelease (when an idle hashing worker gives its buffers back)', () => {
  let now = 0;
  beforeEach(() => {
    jest.useFakeTimers();
    now = 0;
  });
  afterEach(() => jest.useRealTimers());
  const advance = async (ms: number) => {
    now += ms;
    await jest.advanceTimersByTimeAsync(ms);
  };

  it('releases once, quietMs after the last hash, and not again until there was another hash', async () => {
    const release = jest.fn(() => Promise.resolve());
    const arena = new HashArenaRelease(release, 2_000, () => now);
    await advance(5_000);
    expect(release).not.toHaveBeenCalled();
    arena.noteHash();
    await advance(1_500);
    arena.noteHash();
    await advance(1_500);
    expect(release).not.toHaveBeenCalled();
    await advance(600);
    expect(release).toHaveBeenCalledTimes(1);
    await advance(60_000);
    expect(release).toHaveBeenCalledTimes(1);
    arena.noteHash();
    await advance(2_100);
    expect(release).toHaveBeenCalledTimes(2);
    arena.stop();
  });

  it('releases at most once in MIN_HASH_RELEASE_INTERVAL_MS under a trickle of hashes', async () => {
    const at: number[] = [];
    const arena = new HashArenaRelease(
      () => (at.push(now), Promise.resolve()),
      1_000,
      () => now,
    );
    for (let t = 0; t < 60_000; t += 3_000) {
      arena.noteHash();
      await advance(3_000);
    }
    await advance(MIN_HASH_RELEASE_INTERVAL_MS);
    expect(at.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < at.length; i++)
      expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(MIN_HASH_RELEASE_INTERVAL_MS);
    arena.stop();
  });

  it('tries again at the next quiet period when a release fails', async () => {
    const release = jest
      .fn<Promise<void>, []>()
      .mockRejectedValueOnce(new Error('no memory'))
      .mockResolvedValue(undefined);
    const arena = new HashArenaRelease(release, 1_000, () => now);
    arena.noteHash();
    await advance(1_100);
    expect(release).toHaveBeenCalledTimes(1);
    arena.noteHash();
    await advance(MIN_HASH_RELEASE_INTERVAL_MS + 1_100);
    expect(release).toHaveBeenCalledTimes(2);
    arena.stop();
  });
});

describe('startHashArenaRelease', () => {
  const release = () => Promise.resolve();
  it('starts nothing without the tunables or with WORKER_IDLE_GC_MS=0', () => {
    expect(startHashArenaRelease(release, 19_456, {})).toBeNull();
    expect(
      startHashArenaRelease(release, 19_456, {
        GLIBC_TUNABLES: HASH_ARENA_TUNABLES,
        WORKER_IDLE_GC_MS: '0',
      }),
    ).toBeNull();
  });

  it('starts the release under the tunables', () => {
    const arena = startHashArenaRelease(release, 19_456, { GLIBC_TUNABLES: HASH_ARENA_TUNABLES });
    expect(arena).toBeInstanceOf(HashArenaRelease);
    arena?.stop();
  });
});
