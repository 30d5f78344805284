import { threadPoolSizeFor } from './thread-pool';

describe('threadPoolSizeFor (libuv threads per worker when UV_THREADPOOL_SIZE is unset)', () => {
  it('gives the whole service one thread per core, spread over the workers', () => {
    expect(threadPoolSizeFor(2, 2)).toBe(1);
    expect(threadPoolSizeFor(8, 2)).toBe(4);
    expect(threadPoolSizeFor(16, 16)).toBe(1);
    expect(threadPoolSizeFor(4, 1)).toBe(4);
    expect(threadPoolSizeFor(6, 4)).toBe(2);
  });

  it('keeps at least 1 per worker and at most libuv’s limit of 1024', () => {
    expect(threadPoolSizeFor(2, 8)).toBe(1);
    expect(threadPoolSizeFor(2048, 1)).toBe(1024);
  });
});
