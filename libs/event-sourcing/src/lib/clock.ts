/** Where a service reads the time; tests pass their own to move it. Nest token: CLOCK in service-kit. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
