import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, DomainError } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
import { currentRequestContext, EVENT_STORE } from '@accounts/service-kit';
import { activationTokenInvalid, authenticatorDecider, type Activate } from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { ReadModels } from '../../projections/read-models';
import { AuthStore } from '../shared/auth-store';
import { ownAuthenticator } from '../shared/auth-runs';
import { isCommonPassword, PasswordHasher } from '../shared/passwords';
import { sha256 } from '../shared/secrets';
import { ActivateAccountCommand } from './activate-account.command';
import { ActivationGuesses } from './activation-guesses';

@CommandHandler(ActivateAccountCommand)
export class ActivateAccountHandler implements ICommandHandler<ActivateAccountCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly auth: AuthStore,
    private readonly runner: CommandRunner,
    private readonly profiles: ProfileFacts,
    private readonly hasher: PasswordHasher,
    private readonly readModels: ReadModels,
    private readonly guesses: ActivationGuesses,
  ) {}

  async execute({ token, password }: ActivateAccountCommand): Promise<{ accountId: string }> {
    const now = this.runner.now();
    // The client address from the request context, where the CommandRunner takes the metadata's.
    const ip = currentRequestContext()?.ip;
    this.guesses.assertAllowed(ip, now);
    try {
      return await this.activate(token, password, now);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'AUTH-activation-token-invalid')
        this.guesses.failed(ip, now);
      throw error;
    }
  }

  private async activate(
    token: string,
    password: string,
    now: Date,
  ): Promise<{ accountId: string }> {
    const presentedTokenSha256 = sha256(token);
    let account = this.profiles.byActivationHash(presentedTokenSha256);
    if (!account) {
      // A link opened right after the account was created: the lookup joins profile_facts and
      // activation_links, so wait for both read models (all of them) to reach the store's head.
      await this.readModels.waitFor(await this.store.headPosition());
      account = this.profiles.byActivationHash(presentedTokenSha256);
    }
    if (!account?.activation) throw activationTokenInvalid();
    const { activation } = account;
    const command = (passwordHash: string): Activate => ({
      type: 'Activate',
      data: {
        accountId: account.accountId,
        activation: activation,
        presentedTokenSha256,
        password,
        passwordHash,
        passwordPolicy: { userName: account.userName, isCommonPassword },
      },
    });
    // Decide once before hashing: a refused request costs no argon2 work.
    const state = await this.auth.authenticator(account.accountId);
    authenticatorDecider.decide(command('not-hashed-yet'), state, { now });
    await this.runner.run({
      ...ownAuthenticator(account, command(await this.hasher.hash(password))),
      now,
    });
    return { accountId: account.accountId };
  }
}
