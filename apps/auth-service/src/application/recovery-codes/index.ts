import { GetRecoveryCodesStatusHandler } from './get-recovery-codes-status.handler';
import { RecoveryCodeSets } from './recovery-code-sets';
import { RegenerateRecoveryCodesHandler } from './regenerate-recovery-codes.handler';

/** The caller's recovery codes (/auth/me/recovery-codes), and the set the sign-in steps make. */
export const recoveryCodeHandlers = [
  GetRecoveryCodesStatusHandler,
  RegenerateRecoveryCodesHandler,
  RecoveryCodeSets,
];
