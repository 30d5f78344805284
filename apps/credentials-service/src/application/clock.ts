/** DI token of the service's clock; tests pass their own to move time. */
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
