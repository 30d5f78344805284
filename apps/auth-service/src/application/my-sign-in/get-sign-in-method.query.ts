import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';

/** Facts only, never a secret: what the settings page shows as the current choice. */
export interface SignInMethodView {
  readonly method: string;
  readonly authenticatorEnrolled: boolean;
  readonly pendingAuthenticatorMethod: string | null;
  readonly emailVerified: boolean;
  readonly phoneVerified: boolean;
}

/** GET /auth/me/method. */
export class GetSignInMethodQuery extends Query<SignInMethodView> {
  constructor(readonly caller: Principal) {
    super();
  }
}
