import type { Decider, Message } from '@accounts/event-sourcing';
import { assertRecentSignIn, type Principal } from '@accounts/security';

/**
 * The decider, refusing a decision that records one of `weakening` (a new email, a switched-off
 * two-factor requirement) unless the caller signed in recently. Checked on what the decision
 * does, so resending an unchanged email with the rest of a form needs no new sign-in.
 */
export function requiringRecentSignInFor<S, C extends Message, E extends Message>(
  decider: Decider<S, C, E>,
  weakening: ReadonlySet<string>,
  caller: { readonly principal: Principal; readonly maxAgeSeconds: number },
): Decider<S, C, E> {
  return {
    ...decider,
    decide(command, state, context) {
      const events = decider.decide(command, state, context);
      if (events.some((event) => weakening.has(event.type)))
        assertRecentSignIn(caller.principal, caller.maxAgeSeconds);
      return events;
    },
  };
}
