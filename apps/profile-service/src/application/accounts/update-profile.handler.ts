import type { AccountEvent, AccountUserNameChanged } from '@accounts/contracts';
import {
  CommandRunner,
  type Decider,
  DomainError,
  type LoadedAggregate,
} from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { assertRecentSignIn, RECENT_SIGN_IN_SECONDS } from '@accounts/security';
import { EVENT_STORE } from '@accounts/service-kit';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type AccountCommand,
  accountDecider,
  accountInActorOrganization,
  type AccountState,
  accountStreamId,
  sameUserName,
  organizationDecider,
  organizationStreamId,
  type UpdateProfile,
} from '../../domain';
import { type Acting, actorOf } from '../shared/actor-of';
import { loadHistory, type Timed, timed } from '../shared/history';
import type { Timestamps } from '../shared/local-times';
import { releaseUserName, withReservedUserName } from '../shared/user-names';
import { type AccountView, toAccountView } from './account-view';
import { EmailChangeLinks } from '../email-change/email-change-links';
import { UpdateProfileCommand } from './update-profile.command';

/** Many people may save the same profile at once: more retries than the default before a 409. */
const PROFILE_UPDATE_RETRIES = 10;

type Rename = AccountUserNameChanged['data'];

/** Where codes and reset links go: a stolen session must not redirect them. */
const CONTACT_CHANGES = new Set(['AccountEmailChangeRequested', 'AccountMobilePhoneChanged']);

/**
 * One event per changed field, appended together. A new user name (not a new letter case of the
 * current one, which the account already holds) is reserved first; the old one is released once the
 * account event is stored.
 */
@CommandHandler(UpdateProfileCommand)
export class UpdateProfileHandler implements ICommandHandler<UpdateProfileCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CommandRunner,
    @Inject(RECENT_SIGN_IN_SECONDS) private readonly recentSignInSeconds: number,
    private readonly emailChangeLinks: EmailChangeLinks,
  ) {}

  async execute(request: UpdateProfileCommand): Promise<AccountView> {
    const streamId = accountStreamId(request.caller.accountId);
    // The account as this process last wrote it (a client's connection stays with one worker): no
    // read. The append expects its revision, so a write elsewhere since is a conflict that the runner
    // decides again on a fresh read. A refusal or "nothing changed" on it would answer without any
    // append to catch a stale state: those are decided again on a fresh read, which answers.
    const cached = this.runner.cached(streamId, timedAccount);
    if (cached) {
      try {
        const view = await this.update(request, cached, 'unless-unchanged');
        if (view) return view;
      } catch {
        // decided again below on the stream as stored
      }
    }
    return (await this.update(
      request,
      await this.runner.load(streamId, timedAccount),
    )) as AccountView;
  }

  /**
   * The edit decided on `loaded` (the account with its times), which the command's first try uses;
   * `unless-unchanged` answers undefined instead of an edit that changes nothing.
   */
  private async update(
    { caller: principal, changes }: UpdateProfileCommand,
    loaded: LoadedAggregate<Timed<AccountState>>,
    answer: 'always' | 'unless-unchanged' = 'always',
  ): Promise<AccountView | undefined> {
    const { accountId, orgId } = principal;
    const now = this.runner.now();
    const context = { now };
    const streamId = accountStreamId(accountId);
    // The organization's setting matters only to a new email address: a request without one skips it.
    const emailEditableByUsers =
      changes.email !== undefined && (await this.emailEditableByUsers(orgId));
    const state = loaded.state.state;
    accountInActorOrganization(state, { orgId });
    const command: UpdateProfile = {
      type: 'UpdateProfile',
      data: {
        accountId,
        actor: { accountId },
        emailEditableByUsers,
        changes,
        // Derived for any request naming an email; recorded (as a hash) only if the address really changes.
        ...(changes.email !== undefined && {
          emailChangeLink: this.emailChangeLinks.issue(accountId),
        }),
      },
    };
    const decided = accountDecider.decide(command, state, context);
    if (decided.length === 0 && answer === 'unless-unchanged') return undefined;
    // Before the user name is reserved; only a real change of address needs the fresh sign-in.
    if (decided.some((event) => CONTACT_CHANGES.has(event.type)))
      assertRecentSignIn(principal, this.recentSignInSeconds);
    const planned = newNameIn(decided);
    const acting = { actor: actorOf(principal, 'user'), orgId };
    const write = () =>
      this.runner.run({
        streamId,
        decider: timed(holdingUserName(planned?.to)),
        command,
        loaded,
        // No read-your-writes wait: the answer is the state decided here, GET /accounts/me reads the
        // stream, and a directory listing waits itself for every commit before it (ListAccountsHandler).
        waitFor: false,
        ...acting,
        now,
        maxRetries: PROFILE_UPDATE_RETRIES,
      });

    const result = planned
      ? await withReservedUserName(this.runner, { userName: planned.to, accountId, acting }, write)
      : await write();
    const after = result.state.state;
    const current = after.status === 'none' ? undefined : after.userName;
    const unused = [newNameIn(result.appended)?.from, planned?.to].filter(
      (name): name is string => name !== undefined && !(current && sameUserName(name, current)),
    );
    await this.release(unused, accountId, acting);
    // The answer is the state the command left, with the times of its events: nothing to read again.
    const account = accountInActorOrganization(after, { orgId });
    return toAccountView(account, result.state.times as Timestamps, account.timeZone);
  }

  private async emailEditableByUsers(orgId: string): Promise<boolean> {
    const { state } = await loadHistory(
      this.store,
      organizationStreamId(orgId),
      organizationDecider,
    );
    return state.status === 'created' && state.emailEditableByUsers;
  }

  private async release(
    userNames: readonly string[],
    accountId: string,
    acting: Acting,
  ): Promise<void> {
    for (const userName of userNames)
      await releaseUserName(this.runner, userName, accountId, acting);
  }
}

const timedAccount = timed(accountDecider);

/** A rename to another name (not a letter-case change), which needs a reservation. */
function newNameIn(events: readonly { type: string; data: unknown }[]): Rename | undefined {
  const rename = events.find(
    (event): event is AccountUserNameChanged => event.type === 'AccountUserNameChanged',
  );
  return rename && !sameUserName(rename.data.from, rename.data.to) ? rename.data : undefined;
}

/**
 * The account decider, refusing a decision (made again after a concurrent write) that would rename the
 * account to a name this request has not reserved.
 */
function holdingUserName(
  reserved: string | undefined,
): Decider<AccountState, AccountCommand, AccountEvent> {
  return {
    ...accountDecider,
    decide(command, state, context) {
      const events = accountDecider.decide(command, state, context);
      const rename = newNameIn(events);
      if (rename && !(reserved && sameUserName(rename.to, reserved))) {
        throw new DomainError(
          'conflict',
          'PROFILE-user-name-changed-concurrently',
          'Your user name was changed at the same time by another request; reload and try again',
          { field: 'userName' },
        );
      }
      return events;
    },
  };
}
