import { Public } from '@accounts/security';
import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ACCOUNT_CONSOLE_CLIENT_ID } from '../app/security.providers';
import { RevokeRefreshTokenCommand } from '../application/sessions/revoke-refresh-token.command';
import { parseRefreshToken } from '../application/sessions/token-answers';

type Params = Record<string, unknown>;

/**
 * POST /oauth/revoke (RFC 7009) for refresh tokens. The client is the account console, a public
 * client (no secret exists for it): it identifies itself with client_id, and the refresh token it
 * holds is the proof. Access tokens are short JWTs and cannot be revoked here (unsupported_token_type).
 */
@ApiTags('oauth')
@Public()
@Controller('oauth')
export class OAuthRevocationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('revoke')
  @HttpCode(200)
  @ApiOkResponse({ description: 'No body: the token is revoked, or was unknown (RFC 7009 §2.2)' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        token: { type: 'string' },
        token_type_hint: { type: 'string', enum: ['refresh_token'] },
        client_id: { type: 'string', enum: [ACCOUNT_CONSOLE_CLIENT_ID] },
      },
      required: ['token', 'client_id'],
    },
  })
  @ApiOperation({
    summary: 'Revoke a refresh token (RFC 7009): its session ends; unknown tokens answer 200 too',
  })
  async revoke(
    @Body() body: unknown,
    @Res() reply: FastifyReply,
    @Headers('authorization') authorization?: string,
  ): Promise<void> {
    const params: Params = typeof body === 'object' && body !== null ? (body as Params) : {};
    reply.headers({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    const fail = (status: number, error: string, description: string) =>
      reply.status(status).send({ error, error_description: description });
    const clientId = single(params, 'client_id');
    const token = single(params, 'token');
    if (clientId === null || token === null)
      return void fail(
        400,
        'invalid_request',
        'client_id, token and token_type_hint are given once each, as strings',
      );
    if (authorization || clientId !== ACCOUNT_CONSOLE_CLIENT_ID) {
      reply.header('WWW-Authenticate', 'Basic realm="auth-service"');
      return void fail(401, 'invalid_client', 'Client authentication failed');
    }
    if (token === undefined) return void fail(400, 'invalid_request', 'token is missing');
    // A JWT has three parts; so does a refresh token (`<sessionId>.<n>.<secret>`), which starts with a UUID.
    const jwt = token.split('.').length === 3 && !parseRefreshToken(token);
    if (single(params, 'token_type_hint') === 'access_token' || jwt) {
      return void fail(
        400,
        'unsupported_token_type',
        'Only refresh tokens can be revoked; access tokens expire within 5 minutes',
      );
    }
    await this.commands.execute(new RevokeRefreshTokenCommand(token));
    reply.status(200).send();
  }
}

/** undefined: absent or empty; null: repeated or not a string (RFC 6749 §3.2). */
function single(params: Params, name: string): string | undefined | null {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  return typeof value === 'string' ? value : null;
}
