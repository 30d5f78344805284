import { DomainError } from '@accounts/event-sourcing';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';
import { RECENT_SIGN_IN_REQUIRED } from '../domain';

/**
 * A 401 for a sign-in too old carries the RFC 9470 step-up challenge, so a client knows to send
 * the person through sign-in again rather than just refresh the token.
 */
@Injectable()
export class StepUpChallengeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof DomainError && error.code === RECENT_SIGN_IN_REQUIRED) {
          const maxAge = error.details?.['maxAgeSeconds'];
          context
            .switchToHttp()
            .getResponse<Response>()
            .setHeader(
              'WWW-Authenticate',
              `Bearer error="insufficient_user_authentication", error_description="Sign in again", max_age=${maxAge}`,
            );
        }
        return throwError(() => error);
      }),
    );
  }
}
