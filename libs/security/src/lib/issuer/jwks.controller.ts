import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { JWK } from 'jose';
import { Public } from '../nest/public.decorator';
import type { IssuerKeys } from './issuer-keys';

/** DI token of the service's IssuerKeys (provide it with `IssuerKeys.load(...)`). */
export const ISSUER_KEYS = Symbol('ISSUER_KEYS');

/** GET /.well-known/jwks.json: the public keys that verify this service's access tokens. */
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(ISSUER_KEYS) private readonly keys: IssuerKeys) {}

  @Public()
  @Get('jwks.json')
  // Verifiers may cache briefly; a rotation keeps the previous key published longer than this.
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): { keys: JWK[] } {
    return this.keys.publicJwks();
  }
}
