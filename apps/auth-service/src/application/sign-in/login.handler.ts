import { CommandRunner, firstEventOf } from '@accounts/event-sourcing';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { SignInCompletedData } from '@accounts/contracts';
import {
  emailForCodes,
  type SignInState,
  type StartSignIn,
  signInDecider,
  signInFailed,
  signInStreamId,
} from '../../domain';
import { ProfileFacts } from '../../projections/profile-facts.queries';
import { TrustedDevices } from '../../projections/trusted-devices.queries';
import { AuthStore } from '../shared/auth-store';
import { freshStream, loadSignInGuard, signInGuard } from '../shared/auth-runs';
import { ClientAddressLimits } from '../shared/client-address-limits';
import { PasswordHasher } from '../shared/passwords';
import { newSixDigitCode, SecretBox, sha256 } from '../shared/secrets';
import { LoginCommand } from './login.command';
import { PasswordRehash } from './password-rehash';
import type { LoginAnswer } from './sign-in-answers';
import { SignInCodes } from './sign-in-codes';
import { SignInCompletion } from './sign-in-completion';

/** The guard stream of a user name no account has: `signinguard-unknown-<fingerprint>`. */
const unknownUserGuardId = (fingerprint: string) => `unknown-${fingerprint.slice(0, 32)}`;

/**
 * The SignInCompleted that StartSignIn decides on `state`, if it completes the sign-in at once; null
 * when it challenges or refuses (the runner's own decision then answers, refusal included).
 */
function completionOf(
  command: StartSignIn,
  state: SignInState,
  now: Date,
): SignInCompletedData | null {
  try {
    const events = signInDecider.decide(command, state, { now });
    return firstEventOf(events, 'SignInCompleted')?.data ?? null;
  } catch {
    return null;
  }
}

/** The password step, in the order the domain README gives: guard, password, then tokens or a challenge. */
@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly auth: AuthStore,
    private readonly profiles: ProfileFacts,
    private readonly hasher: PasswordHasher,
    private readonly box: SecretBox,
    private readonly devices: TrustedDevices,
    private readonly limits: ClientAddressLimits,
    private readonly rehash: PasswordRehash,
    private readonly codes: SignInCodes,
    private readonly completion: SignInCompletion,
  ) {}

  async execute({ userName, password, trustedDeviceToken }: LoginCommand): Promise<LoginAnswer> {
    const now = this.runner.now();
    const address = this.limits.address();
    this.limits.assertSignInAllowed(address, now);
    const found = this.profiles.byUserName(userName);
    // An unknown user name goes through the same steps as an account (its own guard stream under a
    // keyed fingerprint, an empty authenticator, a dummy hash): the same time, the same lock-out
    // after 5 failures, so neither tells which user names exist. A disabled account likewise.
    const guardId = found
      ? found.accountId
      : unknownUserGuardId(this.box.fingerprint(userName.toLowerCase()));
    const actor = { kind: 'user', ...(found && { accountId: found.accountId }) } as const;
    // One read of the guard for the check and the outcome (see loadSignInGuard).
    const guard = await loadSignInGuard(this.runner, guardId);
    await this.runner.run({
      ...signInGuard(
        { type: 'CheckSignInAllowed', data: { accountId: guardId, address } },
        actor,
        found?.orgId,
      ),
      loaded: guard,
      now,
    });
    const authenticator = await this.auth.authenticator(guardId);
    const passwordVerified = await this.hasher.verify(authenticator.passwordHash, password);
    const account = found?.enabled ? found : null;
    if (!passwordVerified || !account) {
      const failure = { accountId: guardId, signinId: null, factor: 'password' as const, address };
      await this.runner.run({
        ...signInGuard({ type: 'RecordSignInFailure', data: failure }, actor, found?.orgId),
        loaded: guard,
        now,
      });
      this.limits.signInFailed(address, now);
      throw signInFailed();
    }
    const { accountId } = account;
    await this.rehash.ifNeeded(authenticator, password, account, now);
    const signinId = randomUUID();
    const code = newSixDigitCode();
    const request = this.runner.metadata(actor, account.orgId);
    const command: StartSignIn = {
      type: 'StartSignIn',
      data: {
        signinId,
        accountId,
        passwordVerified,
        account: {
          email: emailForCodes(authenticator, account.email),
          mobilePhone: account.mobilePhone,
          enabled: account.enabled,
        },
        organization: this.profiles.organization(account.orgId),
        authenticator,
        trustedDeviceTokenSha256: trustedDeviceToken ? sha256(trustedDeviceToken) : null,
        codeSha256: sha256(code),
        sessionId: randomUUID(),
        ip: request.ip ?? null,
        userAgent: request.userAgent ?? null,
      },
    };
    const loaded = freshStream(signInDecider);
    const starting = this.runner.run({
      streamId: signInStreamId(signinId),
      decider: signInDecider,
      command,
      actor,
      orgId: account.orgId,
      now,
      loaded,
    });
    // The decision on a fresh stream is pure and the runner makes the same one: when it completes the
    // sign-in, the session and the guard's success follow from it and are appended in this same turn,
    // after the sign-in's own events, so the store writes all three streams in one group commit (one
    // fsync, one wake-up of every subscriber) instead of two, in the same order as before.
    const completing = completionOf(command, loaded.state, now);
    if (completing) {
      const [started, tokens] = await Promise.all([
        starting,
        this.completion.complete(completing, account, now, guard),
      ]);
      const completed = firstEventOf(started.appended, 'SignInCompleted')?.data;
      if (completed?.sessionId !== completing.sessionId)
        throw new Error('StartSignIn stored another decision than the one its session followed');
      // The device's last use is in the list the user may open next.
      if (completed.trustedDeviceId) await this.devices.caughtUp(started.position);
      return { kind: 'tokens', tokens };
    }
    const started = await starting;
    const challenge = firstEventOf(started.appended, 'SignInChallengeIssued')?.data;
    if (!challenge) throw new Error('StartSignIn did not challenge as decided');
    await this.codes.send(
      challenge.challenge,
      account,
      code,
      emailForCodes(authenticator, account.email),
    );
    return {
      kind: 'challenge',
      challenge: {
        challengeId: signinId,
        method: challenge.challenge,
        sentTo: challenge.sentTo,
        ...(challenge.reason && { reason: challenge.reason }),
      },
    };
  }
}
