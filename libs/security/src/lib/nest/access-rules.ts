import type { Reflector } from '@nestjs/core';
import { type AccessRule, ACCESS_RULE } from './access-rule.decorator';
import { IS_PUBLIC } from './public.decorator';

/** A route's declared rule: public, person only, a scope, or undeclared. */
export type DeclaredAccess =
  | { readonly kind: 'public' }
  | AccessRule
  | { readonly kind: 'undeclared' };

type Target = Parameters<Reflector['getAllAndOverride']>[1][number];

/** The method's declaration wins over its controller's; one reader for the guard and the route walk test. */
export function declaredAccess(
  reflector: Reflector,
  handler: Target,
  controller: Target,
): DeclaredAccess {
  if (reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]))
    return { kind: 'public' };
  return (
    reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, controller]) ?? {
      kind: 'undeclared',
    }
  );
}
