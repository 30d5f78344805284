import { DomainError } from '@accounts/event-sourcing';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { SERVICE_CONFIG } from '../app/service-kit.options';
import { loadOperationsToken, type OperationsTokenConfig } from './operations-token';

/** Wrong tokens allowed per client address and minute before 429: the token is 256 random bits, but no guess goes unlimited. */
const FAILURES_PER_MINUTE = 10;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * The operations API takes the operations token (header `X-Operations-Token`), not a user's access
 * token: rebuilding a read model or skipping an event affects every organization on the server, so it
 * belongs to whoever runs the server, not to an organization's administrator.
 */
@Injectable()
export class OperationsGuard implements CanActivate {
  private readonly token: Buffer | undefined;
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(@Inject(SERVICE_CONFIG) config: OperationsTokenConfig) {
    const token = loadOperationsToken(config);
    this.token = token ? digest(token) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, unknown>; ip?: string }>();
    if (!this.token) {
      throw new DomainError(
        'forbidden',
        'OPERATIONS-disabled',
        'The operations API is closed: set OPERATIONS_TOKEN to open it',
      );
    }
    const address = request.ip ?? 'unknown';
    const now = Date.now();
    const seen = this.failures.get(address);
    if (seen && now - seen.since < 60_000 && seen.count >= FAILURES_PER_MINUTE) {
      throw new DomainError(
        'too_many_attempts',
        'OPERATIONS-too-many-attempts',
        'Too many wrong operations tokens; wait a minute',
        {
          retryAfterSeconds: Math.ceil((seen.since + 60_000 - now) / 1000),
        },
      );
    }
    const presented = request.headers['x-operations-token'];
    if (
      typeof presented === 'string' &&
      presented !== '' &&
      timingSafeEqual(digest(presented), this.token)
    )
      return true;
    const fresh = !seen || now - seen.since >= 60_000;
    // Bounded memory under a spray of addresses: expired entries go first.
    if (this.failures.size > 10_000)
      for (const [key, value] of this.failures)
        if (now - value.since >= 60_000) this.failures.delete(key);
    this.failures.set(
      address,
      fresh ? { count: 1, since: now } : { count: seen.count + 1, since: seen.since },
    );
    throw new DomainError(
      'unauthorized',
      'OPERATIONS-token-invalid',
      typeof presented === 'string' && presented !== ''
        ? 'The operations token is not valid'
        : 'Send the operations token in the X-Operations-Token header',
    );
  }
}
