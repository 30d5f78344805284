import { workerV8Flags } from './worker-v8-flags';

describe('workerV8Flags (the V8 flags each worker is started with)', () => {
  it('gives workers a 4 MiB semi-space, gc() for the idle collection, and leaves the old generation to V8 by default', () => {
    expect(workerV8Flags([], {})).toEqual(['--max-semi-space-size=4', '--expose-gc']);
  });

  it('leaves gc() out when WORKER_IDLE_GC_MS=0 turns the idle collection off', () => {
    expect(workerV8Flags([], { WORKER_IDLE_GC_MS: '0' })).toEqual(['--max-semi-space-size=4']);
  });

  it('does not repeat an --expose-gc the operator already gave', () => {
    expect(workerV8Flags([], { NODE_OPTIONS: '--expose-gc' })).toEqual(['--max-semi-space-size=4']);
    expect(workerV8Flags(['--expose-gc'], {})).toEqual(['--max-semi-space-size=4']);
  });

  it('keeps a semi-space size the operator chose on the command line or in NODE_OPTIONS', () => {
    expect(workerV8Flags(['--max-semi-space-size=16'], {})).toEqual(['--expose-gc']);
    expect(workerV8Flags([], { NODE_OPTIONS: '--max-semi-space-size=8' })).toEqual(['--expose-gc']);
  });

  it('caps the old generation growth when WORKER_HEAP_GROWING_PERCENT is set', () => {
    expect(workerV8Flags([], { WORKER_HEAP_GROWING_PERCENT: '50' })).toEqual([
      '--max-semi-space-size=4',
      '--heap-growing-percent=50',
      '--expose-gc',
    ]);
  });

  it('lets a --heap-growing-percent on the command line win over the variable', () => {
    expect(
      workerV8Flags(['--heap-growing-percent=80'], { WORKER_HEAP_GROWING_PERCENT: '50' }),
    ).toEqual(['--max-semi-space-size=4', '--expose-gc']);
  });

  it.each(['0', '5', '301', '1.5', 'half'])(
    'refuses WORKER_HEAP_GROWING_PERCENT=%s with a message naming the variable',
    (value) => {
      expect(() => workerV8Flags([], { WORKER_HEAP_GROWING_PERCENT: value })).toThrow(
        `WORKER_HEAP_GROWING_PERCENT: expected an integer between 10 and 300 (percent), got "${value}"`,
      );
    },
  );
});
