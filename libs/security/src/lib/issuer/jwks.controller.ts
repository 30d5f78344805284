import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { JWK } from 'jose';
import { Public } from '../nest/public.decorator';
import { JwksAnswer } from './issuer-answers';
import type { IssuerKeys } from './issuer-keys';

/** DI token of the service's IssuerKeys (provide it with `IssuerKeys.load(...)`). */
export const ISSUER_KEYS = Symbol('ISSUER_KEYS');

/** GET /.well-known/jwks.json: the public keys that verify this service's access tokens. */
@ApiTags('oauth')
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(ISSUER_KEYS) private readonly keys: IssuerKeys) {}

  @Public()
  @Get('jwks.json')
  @ApiOkResponse({ type: JwksAnswer, description: 'The public keys (RFC 7517 JWK set)' })
  // Verifiers may cache briefly; a rotation keeps the previous key published longer than this.
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): { keys: JWK[] } {
    return this.keys.publicJwks();
  }
}
