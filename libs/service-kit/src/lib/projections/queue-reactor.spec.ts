import { QueueReactor } from './queue-reactor';
import type { ReadModelsHost } from './read-models-host';

/** Counts its passes; a pass takes `passMs`. */
class CountingReactor extends QueueReactor {
  passes = 0;
  finished = 0;
  constructor(
    follows: boolean,
    private readonly passMs = 0,
  ) {
    super({ runner: { follows } } as unknown as ReadModelsHost, 'Counting', 10);
  }
  protected async work(): Promise<void> {
    this.passes++;
    await new Promise((resolve) => setTimeout(resolve, this.passMs));
    this.finished++;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('QueueReactor', () => {
  it('drains on its timer on the worker that maintains the read models, and stops at shutdown', async () => {
    const reactor = new CountingReactor(false);
    reactor.onApplicationBootstrap();
    await sleep(100);
    await reactor.beforeApplicationShutdown();
    const passes = reactor.passes;
    expect(passes).toBeGreaterThan(1);
    await sleep(50);
    expect(reactor.passes).toBe(passes);
  });

  it('does nothing on a worker that follows (the side effect happens once per service)', async () => {
    const reactor = new CountingReactor(true);
    reactor.onApplicationBootstrap();
    await sleep(60);
    await reactor.beforeApplicationShutdown();
    expect(reactor.passes).toBe(0);
  });

  it('runs one pass at a time: a drain during a drain waits for it, and shutdown waits for it too', async () => {
    const reactor = new CountingReactor(true, 50);
    const first = reactor.drain();
    const second = reactor.drain();
    expect(second).toBe(first);
    await reactor.beforeApplicationShutdown();
    expect({ passes: reactor.passes, finished: reactor.finished }).toEqual({
      passes: 1,
      finished: 1,
    });
  });
});
