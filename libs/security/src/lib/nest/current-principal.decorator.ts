import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../tokens/principal';

/** The verified caller of a route guarded by AccessTokenGuard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest().principal,
);
