import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TrustedDevices } from '../../projections/trusted-devices.queries';
import { sha256 } from '../shared/secrets';
import { ListTrustedDevicesQuery } from './list-trusted-devices.query';
import { OwnAccount } from '../shared/own-account';

/** From the trusted_devices read model; the computer asking is marked as the current one. */
@QueryHandler(ListTrustedDevicesQuery)
export class ListTrustedDevicesHandler implements IQueryHandler<ListTrustedDevicesQuery> {
  constructor(
    private readonly own: OwnAccount,
    private readonly devices: TrustedDevices,
  ) {}

  async execute({ caller, presentedToken }: ListTrustedDevicesQuery) {
    const account = this.own.of(caller);
    return {
      items: this.devices.active(account.accountId, presentedToken ? sha256(presentedToken) : null),
    };
  }
}
