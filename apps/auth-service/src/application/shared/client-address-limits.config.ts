import { int } from '@accounts/service-kit';

/** Per-client-address budgets (see ClientAddressLimits); every replica counts on its own. */
export const clientAddressLimitsConfigSchema = {
  ADDRESS_LIMIT_WINDOW_SECONDS: int({
    description: 'Rolling window of the per-client-address limits below',
    min: 1,
    max: 86_400,
    default: 900,
  }),
  SIGN_IN_FAILURES_PER_ADDRESS: int({
    description:
      'Failed sign-ins and wrong current passwords (any accounts, unknown user names too) one client address may make per window before 429',
    min: 1,
    max: 1_000_000,
    default: 30,
  }),
  CODE_FAILURES_PER_ADDRESS: int({
    description:
      'Wrong second-factor and verification codes one client address may send per window before 429',
    min: 1,
    max: 1_000_000,
    default: 30,
  }),
  CODE_SENDS_PER_ADDRESS: int({
    description:
      'Codes by email or SMS (verification, resend) one client address may ask for per window before 429',
    min: 1,
    max: 1_000_000,
    default: 30,
  }),
};
