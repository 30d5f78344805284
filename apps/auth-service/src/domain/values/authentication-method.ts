import { type AuthenticationMethod, AuthenticationMethods } from '@accounts/contracts';
import { invalid } from '@accounts/event-sourcing';

/** One of the seven methods, else a 400 naming `method` with the list. */
export function parseAuthenticationMethod(raw: unknown): AuthenticationMethod {
  if (typeof raw === 'string' && (AuthenticationMethods as readonly string[]).includes(raw))
    return raw as AuthenticationMethod;
  throw invalid(
    'method',
    'AUTH-method-invalid',
    `method must be one of ${AuthenticationMethods.join(', ')}`,
  );
}
