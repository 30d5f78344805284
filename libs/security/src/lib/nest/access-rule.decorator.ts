import { SetMetadata } from '@nestjs/common';
import type { ApiScope } from '@accounts/contracts';

export const ACCESS_RULE = 'accounts:access-rule';

/**
 * What a route needs besides a valid access token. `@Public()` routes need no token at all.
 * A route with no declaration is refused to API tokens (person only) and fails the route walk test.
 */
export type AccessRule =
  | { readonly kind: 'person' }
  | {
      readonly kind: 'scope';
      readonly scope: ApiScope;
      /** Body fields that only a person may send (e.g. the email address in PATCH /accounts/me). */
      readonly personOnlyFields?: readonly string[];
    };

/** Security settings and anything they touch: a signed-in person only, never an API token, whatever its scopes. */
export const PersonOnly = () => SetMetadata(ACCESS_RULE, { kind: 'person' } satisfies AccessRule);

/** A person, or an API token whose credential holds `scope`. */
export const RequireScope = (
  scope: ApiScope,
  options: { personOnlyFields?: readonly string[] } = {},
) =>
  SetMetadata(ACCESS_RULE, {
    kind: 'scope',
    scope,
    ...options,
  } satisfies AccessRule);
