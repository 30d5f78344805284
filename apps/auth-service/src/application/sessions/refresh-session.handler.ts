import { sessionTimeoutSeconds } from '@accounts/contracts';
import { CommandRunner, DomainError } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { refusalOf, sessionDecider, sessionStreamId } from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { sha256 } from '../shared/secrets';
import { RefreshSessionCommand } from './refresh-session.command';
import { SessionStarts } from './session-starts';
import { newRefreshToken, sessionIdOf, type TokenAnswer, TokenAnswers } from './token-answers';

const sessionInvalid = () =>
  new DomainError(
    'unauthorized',
    'AUTH-refresh-token-invalid',
    'This refresh token is not valid: sign in again',
  );

/**
 * A new refresh token for the one presented, which stops working; a reused token, the idle timeout or
 * a disabled account ends the session instead (the domain decides). Hot: no projection is waited for,
 * the answer comes from the session's cached state (no read unless another process wrote it since),
 * its cached first event and the profile facts.
 */
@CommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
    private readonly starts: SessionStarts,
    private readonly answers: TokenAnswers,
  ) {}

  async execute({ refreshToken }: RefreshSessionCommand): Promise<TokenAnswer> {
    const now = this.runner.now();
    const sessionId = sessionIdOf(refreshToken);
    if (!sessionId) throw sessionInvalid();
    const streamId = sessionStreamId(sessionId);
    const started = await this.starts.of(this.store, streamId);
    if (!started) throw sessionInvalid();
    const account = this.profiles.sessionFactsById(started.accountId);
    if (!account) throw sessionInvalid();
    const next = newRefreshToken(sessionId);
    const result = await this.runner.run({
      streamId,
      decider: sessionDecider,
      command: {
        type: 'RefreshSession',
        data: {
          sessionId,
          presentedRefreshTokenSha256: sha256(refreshToken),
          newRefreshTokenSha256: sha256(next),
          idleTimeoutSeconds: sessionTimeoutSeconds(account.sessionTimeout),
          accountEnabled: account.enabled,
        },
      },
      actor: { kind: 'user', accountId: account.accountId },
      orgId: account.orgId,
      now,
      // A session is refreshed through the worker that rotated it last (keep-alive): decide on the
      // state folded then, without a read; a rotation elsewhere since is a conflict, decided afresh.
      fromCache: true,
    });
    const refusal = refusalOf(result.appended);
    if (refusal) throw refusal;
    if (!result.appended.some((e) => e.type === 'SessionRefreshed')) throw sessionInvalid();
    const authTime = new Date(started.startedAt);
    return this.answers.answer(account, { sessionId, amr: started.amr, authTime }, next, now);
  }
}
