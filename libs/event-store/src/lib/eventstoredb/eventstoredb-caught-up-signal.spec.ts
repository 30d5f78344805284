import { CaughtUpSignal } from './eventstoredb-caught-up-signal';

describe('CaughtUpSignal', () => {
  it('fires at once when the consumer is already waiting and nothing is buffered', () => {
    const calls: string[] = [];
    const signal = new CaughtUpSignal(() => calls.push('caught up'));
    signal.reached(0, true);
    expect(calls).toEqual(['caught up']);
  });

  it('waits until the events buffered before the signal were handed out and the consumer asks again', () => {
    let fired = 0;
    const signal = new CaughtUpSignal(() => fired++);
    signal.reached(2, false);
    signal.beforeWait();
    signal.pulled();
    signal.beforeWait();
    expect(fired).toBe(0);
    signal.pulled();
    signal.beforeWait();
    expect(fired).toBe(1);
  });

  it('fires only once, whatever signals follow', () => {
    let fired = 0;
    const signal = new CaughtUpSignal(() => fired++);
    signal.reached(0, true);
    signal.reached(0, true);
    signal.beforeWait();
    expect(fired).toBe(1);
    expect(signal.done).toBe(true);
  });

  it('does nothing before a signal arrives', () => {
    let fired = 0;
    const signal = new CaughtUpSignal(() => fired++);
    signal.pulled();
    signal.beforeWait();
    expect(fired).toBe(0);
  });
});
