import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { type Session, sessionDecider, sessionStreamId } from '../domain';
import { ProfileFacts } from '../projections/profile-facts.queries';
import { CommandRunner } from '@accounts/event-sourcing';
import { sha256 } from './secrets';

/**
 * RFC 7009 revocation of a refresh token: the session it belongs to ends, as at sign-out. A token
 * that is unknown, already rotated out or already ended changes nothing and is not reported (§2.2),
 * so the endpoint tells a guesser nothing.
 */
@Injectable()
export class RefreshTokenRevocation {
  constructor(
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
  ) {}

  async revoke(refreshToken: string): Promise<void> {
    const sessionId = refreshToken.split('.')[0];
    if (!sessionId || !/^[0-9a-f-]{36}$/.test(sessionId)) return;
    const { state } = await this.runner.load(sessionStreamId(sessionId), sessionDecider);
    if (state.status !== 'active') return;
    const session = state as Session;
    if (
      !timingSafeEqual(Buffer.from(sha256(refreshToken)), Buffer.from(session.refreshTokenSha256))
    )
      return;
    const orgId = this.profiles.byId(session.accountId)?.orgId ?? 'unknown';
    await this.runner.run({
      streamId: sessionStreamId(sessionId),
      decider: sessionDecider,
      command: {
        type: 'EndSession',
        data: {
          sessionId,
          reason: 'revoked',
          actor: { kind: 'user', accountId: session.accountId },
        },
      },
      actor: { kind: 'user', accountId: session.accountId },
      orgId,
    });
  }
}
