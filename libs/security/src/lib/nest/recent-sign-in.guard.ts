import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '../tokens/principal';

/** DI token of how recent a sign-in must be (seconds); service-kit provides it from RECENT_SIGN_IN_SECONDS. */
export const RECENT_SIGN_IN_SECONDS = Symbol('RECENT_SIGN_IN_SECONDS');
export const DEFAULT_RECENT_SIGN_IN_SECONDS = 900;

export const RECENT_SIGN_IN_REQUIRED_CODE = 'SECURITY-recent-sign-in-required';
export const PERSON_SIGN_IN_REQUIRED_CODE = 'SECURITY-person-sign-in-required';

const RECENT_SIGN_IN = 'accounts:recent-sign-in';

/**
 * The route weakens or takes over an account (sign-in method, administrator security changes): a
 * stolen session must not do it, so the person must have signed in within the last
 * RECENT_SIGN_IN_SECONDS. Routes where only some requests weaken the account (PATCH of an email)
 * call assertRecentSignIn once they know.
 */
export function RequireRecentSignIn(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(RECENT_SIGN_IN, true), UseGuards(RecentSignInGuard));
}

/**
 * Refuses an API token (403) and a sign-in older than `maxAgeSeconds` (401 with the RFC 9470
 * step-up challenge). The guard calls it; so do handlers that only know after deciding whether a
 * request weakens the account (an email that really changes).
 */
export function assertRecentSignIn(
  principal: Principal | undefined,
  maxAgeSeconds: number,
  now: Date = new Date(),
): void {
  // The access-token guard runs first; without a principal the route is misconfigured, so refuse.
  if (!principal) throw new UnauthorizedException('Sign in first');
  if (principal.kind !== 'user') {
    throw new ForbiddenException({
      message: 'This change needs a person who signed in, not an API access token',
      code: PERSON_SIGN_IN_REQUIRED_CODE,
    });
  }
  const ageSeconds = now.getTime() / 1000 - principal.authTime;
  if (ageSeconds <= maxAgeSeconds) return;
  throw new UnauthorizedException({
    message: `Sign in again: this change requires a sign-in from the last ${Math.round(maxAgeSeconds / 60)} minutes`,
    code: RECENT_SIGN_IN_REQUIRED_CODE,
    details: { maxAgeSeconds, signedInSecondsAgo: Math.floor(ageSeconds) },
    headers: {
      'WWW-Authenticate': `Bearer error="insufficient_user_authentication", error_description="Sign in again", max_age=${maxAgeSeconds}`,
    },
  });
}

/** Runs after the access-token guard has put the verified principal on the request. */
@Injectable()
export class RecentSignInGuard implements CanActivate {
  private readonly maxAgeSeconds: number;

  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(RECENT_SIGN_IN_SECONDS) maxAgeSeconds?: number,
  ) {
    this.maxAgeSeconds = maxAgeSeconds ?? DEFAULT_RECENT_SIGN_IN_SECONDS;
  }

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<boolean | undefined>(RECENT_SIGN_IN, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return true;
    assertRecentSignIn(
      context.switchToHttp().getRequest<{ principal?: Principal }>().principal,
      this.maxAgeSeconds,
    );
    return true;
  }
}
