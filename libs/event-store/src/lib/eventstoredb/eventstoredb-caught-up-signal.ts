/**
 * Calls `onCaughtUp` once, when the consumer has been handed every event that existed when the
 * source said "live" and asks for more. The source's signal arrives while some earlier events may
 * still sit in the stream's buffer: `reached(buffered)` counts them, `pulled()` counts them down.
 */
export class CaughtUpSignal {
  private remaining: number | undefined;
  private fired = false;

  constructor(private readonly onCaughtUp: (() => void) | undefined) {}

  get done(): boolean {
    return this.fired;
  }

  /**
   * The source is live; `buffered` events it produced before saying so are not yet pulled.
   * `consumerWaiting`: the consumer is already blocked on the next event, so fire now.
   */
  reached(buffered: number, consumerWaiting: boolean): void {
    if (this.fired || this.remaining !== undefined) return;
    this.remaining = buffered;
    if (buffered === 0 && consumerWaiting) this.fire();
  }

  /** One event left the buffer. */
  pulled(): void {
    if (this.remaining !== undefined && this.remaining > 0) this.remaining--;
  }

  /** The consumer asks for the next event. */
  beforeWait(): void {
    if (this.remaining === 0) this.fire();
  }

  private fire(): void {
    if (this.fired) return;
    this.fired = true;
    this.onCaughtUp?.();
  }
}
