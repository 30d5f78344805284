import { ChangeMethodHandler } from './change-method.handler';
import { ChangeNoticePreferenceHandler } from './change-notice-preference.handler';
import { ChangePasswordHandler } from './change-password.handler';
import { ConfirmAuthenticatorHandler } from './confirm-authenticator.handler';
import { ConfirmVerificationHandler } from './confirm-verification.handler';
import { GetSignInMethodHandler } from './get-sign-in-method.handler';
import { ListNoticePreferencesHandler } from './list-notice-preferences.handler';
import { ListSessionsHandler } from './list-sessions.handler';
import { ListTrustedDevicesHandler } from './list-trusted-devices.handler';
import { ResetAuthenticatorHandler } from './reset-authenticator.handler';
import { RevokeTrustedDeviceHandler } from './revoke-trusted-device.handler';
import { StartVerificationHandler } from './start-verification.handler';

/** What the signed-in user changes about how they sign in (/auth/me/...): one handler per use case. */
export const mySignInHandlers = [
  ChangePasswordHandler,
  ChangeMethodHandler,
  ConfirmAuthenticatorHandler,
  StartVerificationHandler,
  ConfirmVerificationHandler,
  ListTrustedDevicesHandler,
  RevokeTrustedDeviceHandler,
  ResetAuthenticatorHandler,
  ListSessionsHandler,
  ChangeNoticePreferenceHandler,
  GetSignInMethodHandler,
  ListNoticePreferencesHandler,
];
