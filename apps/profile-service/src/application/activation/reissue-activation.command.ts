import { Command } from '@nestjs/cqrs';
import type { Principal } from '@accounts/security';
import type { ActivationDelivery } from './activation-link-sender';

export interface ReissuedActivation extends ActivationDelivery {
  readonly accountId: string;
  readonly activationExpiresAt: string;
}

/** POST /accounts/:id/activation by another administrator of the organization. */
export class ReissueActivationCommand extends Command<ReissuedActivation> {
  constructor(
    readonly caller: Principal,
    readonly accountId: string,
  ) {
    super();
  }
}
