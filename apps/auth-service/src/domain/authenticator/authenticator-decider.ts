import type { AuthenticatorEvent } from '@accounts/contracts';
import { assertNever, type CommandContext, type Decider } from '@accounts/event-sourcing';
import type { AuthenticatorCommand } from './authenticator-commands';
import {
  type AuthenticatorState,
  evolveAuthenticator,
  initialAuthenticatorState,
} from './authenticator-state';
import {
  decideConfirmContactVerification,
  decideRecordProvenEmail,
  decideStartContactVerification,
} from './decide-contact-verification';
import { decideChangeMethod, decideConfirmAuthenticator } from './decide-method';
import { decideActivate, decideChangePassword, decideRehashPassword } from './decide-password';
import { decideChangeNoticePreference } from './decide-notice-preference';
import { decideRequestPasswordReset, decideResetPassword } from './decide-password-reset';
import { decideGenerateRecoveryCodes, decideUseRecoveryCode } from './decide-recovery-codes';
import { decideResetAuthenticator } from './decide-reset';
import { decideAddTrustedDevice, decideRevokeTrustedDevice } from './decide-trusted-devices';

export function decideAuthenticator(
  command: AuthenticatorCommand,
  state: AuthenticatorState,
  ctx: CommandContext,
): AuthenticatorEvent[] {
  switch (command.type) {
    case 'Activate':
      return decideActivate(command, state, ctx);
    case 'ChangePassword':
      return decideChangePassword(command, state);
    case 'RehashPassword':
      return decideRehashPassword(command, state);
    case 'ChangeMethod':
      return decideChangeMethod(command, state);
    case 'ConfirmAuthenticator':
      return decideConfirmAuthenticator(command, state, ctx);
    case 'ResetAuthenticator':
      return decideResetAuthenticator(command, state);
    case 'StartContactVerification':
      return decideStartContactVerification(command, state, ctx);
    case 'ConfirmContactVerification':
      return decideConfirmContactVerification(command, state, ctx);
    case 'RecordProvenEmail':
      return decideRecordProvenEmail(command, state);
    case 'AddTrustedDevice':
      return decideAddTrustedDevice(command, state, ctx);
    case 'RevokeTrustedDevice':
      return decideRevokeTrustedDevice(command, state);
    case 'RequestPasswordReset':
      return decideRequestPasswordReset(command, state, ctx);
    case 'ResetPassword':
      return decideResetPassword(command, state, ctx);
    case 'GenerateRecoveryCodes':
      return decideGenerateRecoveryCodes(command, state, ctx);
    case 'UseRecoveryCode':
      return decideUseRecoveryCode(command, state);
    case 'ChangeNoticePreference':
      return decideChangeNoticePreference(command, state);
    default:
      return assertNever(command);
  }
}

/** Stream `authenticator-<accountId>`. */
export const authenticatorDecider: Decider<
  AuthenticatorState,
  AuthenticatorCommand,
  AuthenticatorEvent
> = {
  decide: decideAuthenticator,
  evolve: evolveAuthenticator,
  initialState: initialAuthenticatorState,
};
