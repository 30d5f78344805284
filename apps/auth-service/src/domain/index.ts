// The pure domain of auth-service: deciders, their commands and state, value functions. No Nest, no I/O.
export * from './shared/streams';
export * from './shared/refuse';
export * from './values/argon2-parameters';
export * from './values/auth-limits';
export * from './values/authentication-method';
export * from './values/device-label';
export * from './values/email-for-codes';
export * from './values/lockout';
export * from './values/mask-destination';
export * from './values/password-policy';
export * from './authenticator/authenticator-commands';
export * from './authenticator/authenticator-queries';
export * from './authenticator/authenticator-state';
export * from './authenticator/authenticator-decider';
export { activationTokenInvalid } from './authenticator/decide-password';
export { needsAuthenticatorEnrollment } from './authenticator/decide-method';
export { resetLinkInvalid } from './authenticator/decide-password-reset';
export {
  hasSecondFactor,
  recoveryCodesLeft,
} from './authenticator/decide-recovery-codes';
export * from './values/security-notices';
export * from './guard/guard-commands';
export * from './guard/guard-decider';
export * from './sign-in/sign-in-commands';
export * from './sign-in/sign-in-state';
export * from './sign-in/sign-in-requirement';
export * from './sign-in/sign-in-decider';
export { amrOf } from './sign-in/completion';
export { answerableChallenge } from './sign-in/decide-challenge';
export * from './session/session-commands';
export * from './session/session-state';
export * from './session/session-decider';
export * from './outcomes/refusal-of';
