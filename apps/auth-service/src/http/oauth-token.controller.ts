import { DomainError } from '@accounts/event-sourcing';
import { Public } from '@accounts/security';
import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ACCOUNT_CONSOLE_CLIENT_ID } from '../app/security.providers';
import { RefreshSessionCommand } from '../application/sessions/refresh-session.command';
import { OAuthRefreshAnswer } from './answers/oauth.answer';

type Params = Record<string, unknown>;

/**
 * POST /oauth/token with grant_type=refresh_token (RFC 6749 §6): the same rotation as POST /auth/refresh,
 * in the form and answer standard OAuth clients speak, so that the token endpoint the metadata announces
 * exists. People sign in with /auth/login (a password and a second factor are not an OAuth grant); the
 * account console is a public client, so the refresh token itself is the proof (no client secret).
 */
@ApiTags('oauth')
@Public()
@Controller('oauth')
export class OAuthTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Post('token')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOkResponse({ type: OAuthRefreshAnswer, description: 'New tokens (RFC 6749 §5.1)' })
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        grant_type: { type: 'string', enum: ['refresh_token'] },
        refresh_token: { type: 'string' },
        client_id: { type: 'string', enum: [ACCOUNT_CONSOLE_CLIENT_ID] },
      },
      required: ['grant_type', 'refresh_token', 'client_id'],
    },
  })
  @ApiOperation({
    summary:
      'Refresh grant (RFC 6749 §6): new access and refresh tokens; the refresh token presented stops working',
  })
  async token(
    @Body() body: unknown,
    @Res() reply: FastifyReply,
    @Headers('authorization') authorization?: string,
  ): Promise<void> {
    const params: Params = typeof body === 'object' && body !== null ? (body as Params) : {};
    reply.headers({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    const fail = (status: number, error: string, description: string) =>
      reply.status(status).send({ error, error_description: description });
    const grantType = single(params, 'grant_type');
    const clientId = single(params, 'client_id');
    const refreshToken = single(params, 'refresh_token');
    if (grantType === null || clientId === null || refreshToken === null)
      return void fail(
        400,
        'invalid_request',
        'grant_type, client_id and refresh_token are given once each, as strings',
      );
    if (authorization || clientId !== ACCOUNT_CONSOLE_CLIENT_ID) {
      reply.header('WWW-Authenticate', 'Basic realm="auth-service"');
      return void fail(401, 'invalid_client', 'Client authentication failed');
    }
    if (grantType === undefined) return void fail(400, 'invalid_request', 'grant_type is missing');
    if (grantType !== 'refresh_token')
      return void fail(
        400,
        'unsupported_grant_type',
        'auth-service grants refresh_token only; people sign in with POST /auth/login',
      );
    if (refreshToken === undefined)
      return void fail(400, 'invalid_request', 'refresh_token is missing');
    try {
      const tokens = await this.commands.execute(new RefreshSessionCommand(refreshToken));
      reply.status(200).send({
        access_token: tokens.accessToken,
        token_type: 'Bearer',
        expires_in: tokens.expiresIn,
        refresh_token: tokens.refreshToken,
      });
    } catch (error) {
      // An unknown, used, expired or idle-timed-out refresh token, or a disabled account: one answer (§5.2).
      if (
        error instanceof DomainError &&
        ['invalid', 'unauthorized', 'forbidden', 'not_found'].includes(error.kind)
      )
        return void fail(
          400,
          'invalid_grant',
          'The refresh token is not valid (used, expired or ended); sign in again',
        );
      throw error;
    }
  }
}

/** undefined: absent or empty; null: repeated or not a string (RFC 6749 §3.2). */
function single(params: Params, name: string): string | undefined | null {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  return typeof value === 'string' ? value : null;
}
