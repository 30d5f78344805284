/** DI token of the service's clock (`Clock` from event-sourcing); tests provide their own to move time. */
export const CLOCK = Symbol('CLOCK');
