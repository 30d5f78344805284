import type { Principal } from '@accounts/security';
import { Query } from '@nestjs/cqrs';
import type { TrustedDevices } from '../../projections/trusted-devices.queries';

/** GET /auth/me/trusted-devices; `presentedToken` is the request's trusted-device token, if any. */
export class ListTrustedDevicesQuery extends Query<{
  items: ReturnType<TrustedDevices['active']>;
}> {
  constructor(
    readonly caller: Principal,
    readonly presentedToken: string | null,
  ) {
    super();
  }
}
