import { CommandRunner } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { timingSafeEqual } from 'node:crypto';
import { type Session, sessionDecider, sessionStreamId } from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { sha256 } from '../shared/secrets';
import { RevokeRefreshTokenCommand } from './revoke-refresh-token.command';
import { sessionIdOf } from './token-answers';

/**
 * A token that is unknown, already rotated out or already ended changes nothing and is not reported
 * (RFC 7009 §2.2), so the endpoint tells a guesser nothing.
 */
@CommandHandler(RevokeRefreshTokenCommand)
export class RevokeRefreshTokenHandler implements ICommandHandler<RevokeRefreshTokenCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
  ) {}

  async execute({ refreshToken }: RevokeRefreshTokenCommand): Promise<void> {
    const sessionId = sessionIdOf(refreshToken);
    if (!sessionId) return;
    const streamId = sessionStreamId(sessionId);
    const { state } = await this.runner.load(streamId, sessionDecider);
    if (state.status !== 'active') return;
    const session = state as Session;
    if (
      !timingSafeEqual(Buffer.from(sha256(refreshToken)), Buffer.from(session.refreshTokenSha256))
    )
      return;
    const orgId = this.profiles.byId(session.accountId)?.orgId ?? 'unknown';
    const actor = { kind: 'user', accountId: session.accountId } as const;
    await this.runner.run({
      streamId,
      decider: sessionDecider,
      command: { type: 'EndSession', data: { sessionId, reason: 'revoked', actor } },
      actor,
      orgId,
    });
  }
}
