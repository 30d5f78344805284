import type { AccountEvent, AccountUserNameChanged } from '@accounts/contracts';
import { CommandRunner, type Decider, DomainError } from '@accounts/event-sourcing';
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
  type UpdateProfile,
} from '../../domain';
import { loadCallerFacts } from '../shared/caller-facts';
import { type Acting, actorOf } from '../shared/actor-of';
import { loadHistory } from '../shared/history';
import { ProfileReader } from '../shared/profile-reader';
import { releaseUserName, withReservedUserName } from '../shared/user-names';
import type { AccountView } from './account-view';
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
    private readonly reader: ProfileReader,
    @Inject(RECENT_SIGN_IN_SECONDS) private readonly recentSignInSeconds: number,
    private readonly emailChangeLinks: EmailChangeLinks,
  ) {}

  async execute({ caller, changes }: UpdateProfileCommand): Promise<AccountView> {
    const { principal } = caller;
    const { accountId, orgId } = principal;
    const now = this.runner.now();
    const context = { now };
    const streamId = accountStreamId(accountId);
    const [{ organization }, { state }] = await Promise.all([
      loadCallerFacts(this.store, principal),
      loadHistory(this.store, streamId, accountDecider),
    ]);
    accountInActorOrganization(state, { orgId });
    const command: UpdateProfile = {
      type: 'UpdateProfile',
      data: {
        accountId,
        actor: { accountId },
        emailEditableByUsers:
          organization.status === 'created' && organization.emailEditableByUsers,
        changes,
        // Derived for any request naming an email; recorded (as a hash) only if the address really changes.
        ...(changes.email !== undefined && {
          emailChangeLink: this.emailChangeLinks.issue(accountId),
        }),
      },
    };
    const decided = accountDecider.decide(command, state, context);
    // Before the user name is reserved; only a real change of address needs the fresh sign-in.
    if (decided.some((event) => CONTACT_CHANGES.has(event.type)))
      assertRecentSignIn(principal, this.recentSignInSeconds);
    const planned = newNameIn(decided);
    const acting = { actor: actorOf(principal, 'user'), orgId };
    const write = () =>
      this.runner.run({
        streamId,
        decider: holdingUserName(planned?.to),
        command,
        ...acting,
        now,
        maxRetries: PROFILE_UPDATE_RETRIES,
      });

    // The runner waits for the read models after the account write: the answer below reads them.
    const result = planned
      ? await withReservedUserName(this.runner, { userName: planned.to, accountId, acting }, write)
      : await write();
    const current = result.state.status === 'none' ? undefined : result.state.userName;
    const unused = [newNameIn(result.appended)?.from, planned?.to].filter(
      (name): name is string => name !== undefined && !(current && sameUserName(name, current)),
    );
    await this.release(unused, accountId, acting);
    return this.reader.account(accountId, orgId);
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
