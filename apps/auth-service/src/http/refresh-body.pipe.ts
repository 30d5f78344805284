import { createRequestValidationPipe } from '@accounts/service-kit';
import { Injectable, type PipeTransform } from '@nestjs/common';
import { RefreshDto } from './dto/auth.dto';

/** The body's type on the route: not a class, so the global ValidationPipe leaves it to this pipe. */
export interface RefreshBody {
  readonly refreshToken: string;
}

/**
 * The body of POST /auth/refresh, the hottest route with a body: a `{ refreshToken }` whose value is
 * printable ASCII of 1 to 256 characters (every token we issue) passes at once; anything else goes
 * through the global ValidationPipe's rules on RefreshDto, so bad input gets the very same 400 naming
 * the field. Class-transformer and class-validator cost a refresh ~20 µs of its ~400 (CPU profiles).
 */
@Injectable()
export class RefreshBodyPipe implements PipeTransform<unknown, RefreshBody | Promise<RefreshBody>> {
  private readonly validation = createRequestValidationPipe();

  transform(body: unknown): RefreshBody | Promise<RefreshBody> {
    if (isWellFormed(body)) return body;
    return this.validation.transform(body, { type: 'body', metatype: RefreshDto });
  }
}

/** ASCII only: class-validator's Length counts surrogate pairs and emoji sequences, ASCII is 1:1. */
const PRINTABLE_ASCII = /^[\x21-\x7e]{1,256}$/;

function isWellFormed(body: unknown): body is RefreshBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'refreshToken') return false;
  const token = (body as { refreshToken?: unknown }).refreshToken;
  return typeof token === 'string' && PRINTABLE_ASCII.test(token);
}
