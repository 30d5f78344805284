import { Injectable } from '@nestjs/common';
import { activationTokenInvalid, authenticatorDecider, authenticatorStreamId, type Activate } from '../domain';
import { ProfileFacts } from '../projections/profile-facts.queries';
import { ReadModels } from '../projections/read-models';
import { AuthStore, metadataOf } from './auth-store';
import { isCommonPassword, PasswordHasher } from './passwords';
import { sha256 } from './secrets';

@Injectable()
export class ActivationService {
  constructor(
    private readonly store: AuthStore,
    private readonly profiles: ProfileFacts,
    private readonly hasher: PasswordHasher,
    private readonly readModels: ReadModels,
  ) {}

  /** POST /auth/activate: the first password, with the token of the activation link. */
  async activate(token: string, password: string, now = new Date()): Promise<{ accountId: string }> {
    const presentedTokenSha256 = sha256(token);
    let account = this.profiles.byActivationHash(presentedTokenSha256);
    if (!account) {
      // A link opened right after the account was created: the lookup joins profile_facts and
      // activation_links, so wait for both read models (all of them) to reach the store's head.
      await this.readModels.waitFor(await this.store.store.headPosition());
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
    const state = await this.store.authenticator(account.accountId);
    authenticatorDecider.decide(command('not-hashed-yet'), state, { now });
    await this.store.run(
      authenticatorStreamId(account.accountId),
      authenticatorDecider,
      command(await this.hasher.hash(password)),
      metadataOf({ kind: 'user', accountId: account.accountId }, account.orgId),
      now,
    );
    return { accountId: account.accountId };
  }
}
