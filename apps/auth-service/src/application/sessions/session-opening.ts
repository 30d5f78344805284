import { sessionTimeoutSeconds } from '@accounts/contracts';
import { CommandRunner } from '@accounts/event-sourcing';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthConfig } from '../../config';
import { sessionDecider, sessionStreamId } from '../../domain';
import type { AccountFacts } from '../../projections/profile-facts.queries';
import { freshStream } from '../shared/auth-runs';
import { sha256 } from '../shared/secrets';
import { SessionStarts } from './session-starts';
import { newRefreshToken, type TokenAnswer, TokenAnswers } from './token-answers';

/** The last step of every sign-in: the session named in SignInCompleted starts, with its first tokens. */
@Injectable()
export class SessionOpening {
  constructor(
    private readonly runner: CommandRunner,
    private readonly starts: SessionStarts,
    private readonly answers: TokenAnswers,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
  ) {}

  async start(
    completed: { signinId: string; sessionId: string; amr: readonly string[] },
    account: AccountFacts,
    now: Date,
  ): Promise<TokenAnswer> {
    const { sessionId, amr } = completed;
    const refreshToken = newRefreshToken(sessionId, 0);
    const actor = { kind: 'user', accountId: account.accountId } as const;
    const metadata = this.runner.metadata(actor, account.orgId);
    const result = await this.runner.run({
      streamId: sessionStreamId(sessionId),
      decider: sessionDecider,
      command: {
        type: 'StartSession',
        data: {
          sessionId,
          accountId: account.accountId,
          orgId: account.orgId,
          signinId: completed.signinId,
          refreshTokenSha256: sha256(refreshToken),
          amr,
          ip: metadata.ip ?? null,
          userAgent: metadata.userAgent ?? null,
          idleTimeoutSeconds: sessionTimeoutSeconds(account.sessionTimeout),
          absoluteLifetimeSeconds: this.config.SESSION_ABSOLUTE_DAYS * 86_400,
        },
      },
      actor,
      orgId: account.orgId,
      now,
      // A fresh random id: nothing to read (see freshStream).
      loaded: freshStream(sessionDecider),
    });
    const [first] = result.appended;
    if (first?.type === 'SessionStarted') {
      const { accountId, startedAt } = first.data;
      this.starts.remember(sessionStreamId(sessionId), {
        accountId,
        amr: first.data.amr,
        startedAt,
      });
    }
    return this.answers.answer(account, { sessionId, amr, authTime: now }, refreshToken, now);
  }
}
