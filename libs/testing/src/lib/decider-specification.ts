import type { CommandContext, Decider, Message } from '@accounts/event-sourcing';
import { DomainError } from '@accounts/event-sourcing';

const defaultContext: CommandContext = { now: new Date('2026-01-01T00:00:00.000Z') };

/**
 * given(events).when(command).then(events) for decider tests, after Emmett's DeciderSpecification.
 *
 *   const spec = DeciderSpecification.for(accountDecider);
 *   spec.given([registered]).when(changeEmail).then([emailChanged]);
 *   spec.given([registered]).when(badEmail).thenThrows('PROFILE-email-invalid');
 */
export const DeciderSpecification = {
  for<S, C extends Message, E extends Message>(decider: Decider<S, C, E>) {
    return {
      given(events: readonly E[]) {
        return {
          when(command: C, context: CommandContext = defaultContext) {
            const run = () => {
              const state = events.reduce(decider.evolve, decider.initialState());
              return decider.decide(command, state, context);
            };
            return {
              then(expected: readonly E[]) {
                expect(run()).toEqual(expected);
              },
              thenNothingHappened() {
                expect(run()).toEqual([]);
              },
              /** Expects a DomainError with this code (and kind, when given). */
              thenThrows(code: string, kind?: DomainError['kind']) {
                let caught: unknown;
                try {
                  run();
                } catch (error) {
                  caught = error;
                }
                expect(caught).toBeInstanceOf(DomainError);
                expect((caught as DomainError).code).toBe(code);
                if (kind) expect((caught as DomainError).kind).toBe(kind);
              },
            };
          },
        };
      },
    };
  },
};
