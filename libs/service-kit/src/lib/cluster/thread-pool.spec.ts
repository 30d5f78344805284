import { threadPoolSizeFor } from './thread-pool';

describe('threadPoolSizeFor (libuv threads per worker when UV_THREADPOOL_SIZE is unset)', () => {
  it('gives the whole service twice the cores, spread over the workers', () => {
    expect(threadPoolSizeFor(2, 2)).toBe(2);
    expect(threadPoolSizeFor(8, 2)).toBe(8);
    expect(threadPoolSizeFor(16, 16)).toBe(2);
    expect(threadPoolSizeFor(4, 1)).toBe(8);
  });

  it('keeps at least 2 per worker and at most libuv’s limit of 1024', () => {
    expect(threadPoolSizeFor(2, 8)).toBe(2);
    expect(threadPoolSizeFor(1024, 1)).toBe(1024);
  });
});
