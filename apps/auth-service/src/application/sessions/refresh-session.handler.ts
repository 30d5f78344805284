import {
  AuthenticationEventSchemaVersions,
  type SessionEvent,
  type SessionRefreshedData,
  sessionTimeoutSeconds,
} from '@accounts/contracts';
import {
  CommandRunner,
  defaultAggregateCache,
  DomainError,
  type LoadedAggregate,
} from '@accounts/event-sourcing';
import type { EventStore, RecordedEvent } from '@accounts/event-store';
import { currentRequestContext, EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type RecordedRefreshToken,
  refusalOf,
  sameDigest,
  sessionDecider,
  sessionFromEnds,
  type SessionState,
  sessionStreamId,
} from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { sha256 } from '../shared/secrets';
import { RefreshGuesses } from './refresh-guesses';
import { RefreshSessionCommand } from './refresh-session.command';
import { SessionStarts } from './session-starts';
import {
  newRefreshToken,
  parseRefreshToken,
  type PresentedRefreshToken,
  type TokenAnswer,
  TokenAnswers,
} from './token-answers';

const sessionInvalid = () =>
  new DomainError(
    'unauthorized',
    'AUTH-refresh-token-invalid',
    'This refresh token is not valid: sign in again',
  );

const isInvalid = (error: unknown) =>
  error instanceof DomainError && error.code === 'AUTH-refresh-token-invalid';

/**
 * A new refresh token for the one presented, which stops working; a reused token, the idle timeout or
 * a disabled account ends the session instead (the domain decides). Hot: no projection is waited for,
 * the answer comes from the session's cached state (no read unless another process wrote it since),
 * its cached first event and the profile facts.
 *
 * Reuse detection keeps no hashes in the state: a token that is not the current one is looked up in
 * the event its number names (one read, only on that cold path) and decided again with what it
 * recorded. A token no session issued counts against the client address's budget.
 */
@CommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
    private readonly starts: SessionStarts,
    private readonly answers: TokenAnswers,
    private readonly guesses: RefreshGuesses,
  ) {}

  async execute({ refreshToken }: RefreshSessionCommand): Promise<TokenAnswer> {
    const now = this.runner.now();
    // The client address from the request context, where the CommandRunner takes the metadata's.
    const ip = currentRequestContext()?.ip;
    this.guesses.assertAllowed(ip, now);
    try {
      return await this.refresh(refreshToken, now);
    } catch (error) {
      if (isInvalid(error)) this.guesses.failed(ip, now);
      throw error;
    }
  }

  private async refresh(refreshToken: string, now: Date): Promise<TokenAnswer> {
    const presented = parseRefreshToken(refreshToken);
    if (!presented) throw sessionInvalid();
    const { sessionId } = presented;
    const streamId = sessionStreamId(sessionId);
    const started = await this.starts.of(this.store, streamId);
    if (!started) throw sessionInvalid();
    const account = this.profiles.sessionFactsById(started.accountId);
    if (!account) throw sessionInvalid();
    const presentedSha256 = sha256(refreshToken);
    // A token of the earlier form does not say its number: the session's fresh state does.
    const legacy =
      presented.number === null ? await this.runner.load(streamId, sessionDecider) : null;
    const nextNumber = (presented.number ?? numberOf(legacy?.state)) + 1;
    const next = newRefreshToken(sessionId, nextNumber);
    const nextSha256 = sha256(next);
    const run = (recorded: RecordedRefreshToken | null, loaded?: LoadedAggregate<SessionState>) =>
      this.runner.run({
        streamId,
        decider: sessionDecider,
        command: {
          type: 'RefreshSession',
          data: {
            sessionId,
            presentedRefreshTokenSha256: presentedSha256,
            presentedRefreshTokenNumber: presented.number,
            recorded,
            newRefreshTokenSha256: nextSha256,
            newRefreshTokenNumber: nextNumber,
            idleTimeoutSeconds: sessionTimeoutSeconds(account.sessionTimeout),
            accountEnabled: account.enabled,
          },
        },
        actor: { kind: 'user', accountId: account.accountId },
        orgId: account.orgId,
        now,
        ...(loaded
          ? { loaded }
          : // A session is refreshed through the worker that rotated it last (keep-alive): decide on
            // the state folded then, without a read; a rotation elsewhere since is a conflict, decided
            // afresh. A refusal on it is decided again on a fresh read.
            { fromCache: true }),
      });
    let result;
    try {
      result = await run(null, legacy ?? (await this.fromEndsUnlessCached(streamId)));
    } catch (error) {
      // Not the current token: rotated out (reuse) or never issued. Only the stream can tell.
      if (!isInvalid(error)) throw error;
      const recorded = await this.recordedFor(streamId, presented, presentedSha256);
      // Another hash there: never issued (the domain would say so too; this spares a decision).
      if (!recorded || !sameDigest(recorded.refreshTokenSha256, presentedSha256)) throw error;
      result = await run(recorded);
    }
    const refusal = refusalOf(result.appended);
    if (refusal) throw refusal;
    if (!result.appended.some((e) => e.type === 'SessionRefreshed')) throw sessionInvalid();
    const authTime = new Date(started.startedAt);
    return this.answers.answer(account, { sessionId, amr: started.amr, authTime }, next, now);
  }

  /**
   * Without a state of the session in this process (a first refresh here, or the cache released it):
   * the state from the stream's first and last events, two reads of one event each, instead of a fold
   * of every rotation. Undefined with a cached state (handleCommand decides on it), or when the stream
   * is not of the shape `sessionFromEnds` knows, or an event of it was written with another schema
   * version (an upcaster would apply): then the whole stream is read and folded.
   */
  private async fromEndsUnlessCached(
    streamId: string,
  ): Promise<LoadedAggregate<SessionState> | undefined> {
    if (defaultAggregateCache.get(this.store, sessionDecider.evolve, streamId)) return undefined;
    const [[first], [last]] = await Promise.all([
      this.store.readStream(streamId, { maxCount: 1 }),
      this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 }),
    ]);
    if (!first || !last || !currentVersion(first) || !currentVersion(last)) return undefined;
    const state = sessionFromEnds(first as SessionEvent, last as SessionEvent, last.revision);
    return state ? { state, revision: last.revision } : undefined;
  }

  /**
   * The token hash the session's stream recorded where the presented token says (the event at
   * revision n); for a token of the earlier form, the recorded hash equal to it, wherever it is (a
   * whole read, on a path only tokens handed out before numbers take).
   */
  private async recordedFor(
    streamId: string,
    presented: PresentedRefreshToken,
    presentedSha256: string,
  ): Promise<RecordedRefreshToken | null> {
    if (presented.number !== null) {
      const [event] = await this.store.readStream(streamId, {
        fromRevision: presented.number,
        maxCount: 1,
      });
      return event?.revision === presented.number ? recordedBy(event) : null;
    }
    for (const event of await this.store.readStream(streamId)) {
      const recorded = recordedBy(event);
      if (recorded && sameDigest(recorded.refreshTokenSha256, presentedSha256)) return recorded;
    }
    return null;
  }
}

function currentVersion(event: RecordedEvent): boolean {
  const versions: Record<string, number> = AuthenticationEventSchemaVersions;
  return event.schemaVersion === versions[event.type];
}

function numberOf(state: SessionState | undefined): number {
  return state && state.status !== 'none' ? state.refreshTokenNumber : 0;
}

/** The hash a session event recorded for the token numbered by its revision, if it records one. */
function recordedBy(event: {
  readonly type: string;
  readonly revision: number;
  readonly data: unknown;
}): RecordedRefreshToken | null {
  if (event.type !== 'SessionStarted' && event.type !== 'SessionRefreshed') return null;
  const { refreshTokenSha256 } = event.data as Pick<SessionRefreshedData, 'refreshTokenSha256'>;
  return { number: event.revision, refreshTokenSha256 };
}
