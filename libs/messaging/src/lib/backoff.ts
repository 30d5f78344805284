// The one back-off of the code base lives beside the command runner, which retries conflicts with it.
export { Backoff } from '@accounts/event-sourcing';

/** A sleep that `wake()` ends early (stop() must not wait out a back-off). One sleeper, one sleep at a time. */
export class Sleeper {
  private wakeUp?: () => void;

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}
