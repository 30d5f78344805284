import { CoalescedReadModelsWait } from './coalesced-read-models-wait';
import type { ReadModelsWait } from './command-runner';

/** Read models that reach a position when the test says so; records each wait asked of them. */
function controlledReadModels() {
  const asked: number[] = [];
  let reached = 0;
  const pending: Array<{ position: number; resolve: () => void }> = [];
  const readModels: ReadModelsWait = {
    waitFor: (position) => {
      asked.push(position);
      if (position <= reached) return Promise.resolve();
      return new Promise((resolve) => pending.push({ position, resolve }));
    },
  };
  const reach = (position: number) => {
    reached = position;
    for (const waiter of pending.splice(0))
      if (waiter.position <= position) waiter.resolve();
      else pending.push(waiter);
  };
  return { readModels, asked, reach };
}

const settled = async (promises: Promise<void>[]) => {
  const done = promises.map(() => false);
  promises.forEach((p, i) => void p.then(() => (done[i] = true)));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('CoalescedReadModelsWait', () => {
  it('answers many concurrent requests with one wait on the read models per round', async () => {
    const { readModels, asked, reach } = controlledReadModels();
    const wait = new CoalescedReadModelsWait(readModels);
    const first = wait.waitFor(10);
    const later = [wait.waitFor(11), wait.waitFor(13), wait.waitFor(12)];
    expect(asked).toEqual([10]);

    reach(10);
    expect(await settled([first, ...later])).toEqual([true, false, false, false]);
    // The requests that came during the first round share the second, for the highest of them.
    expect(asked).toEqual([10, 13]);

    reach(12);
    expect(await settled(later)).toEqual([false, false, false]); // 12 alone is not enough for the round
    reach(13);
    expect(await settled(later)).toEqual([true, true, true]);
    expect(asked).toEqual([10, 13]);
  });

  it('answers at once a request the read models are already known to include', async () => {
    const { readModels, asked, reach } = controlledReadModels();
    const wait = new CoalescedReadModelsWait(readModels);
    reach(20);
    await wait.waitFor(20);
    await wait.waitFor(15);
    expect(asked).toEqual([20]);
  });

  it('passes on a failure of the read models to the requests of that round only', async () => {
    let fail = true;
    const wait = new CoalescedReadModelsWait({
      waitFor: async () => {
        if (fail) throw new Error('read models gone');
      },
    });
    await expect(wait.waitFor(5)).rejects.toThrow('read models gone');
    fail = false;
    await expect(wait.waitFor(6)).resolves.toBeUndefined();
  });
});
