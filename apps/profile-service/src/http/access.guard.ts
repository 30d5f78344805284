import { AccessTokenGuard } from '@accounts/security';
import { HealthController } from '@accounts/service-kit';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';

/**
 * service-kit's /health and /metrics carry no @Public() (the kit does not depend on
 * @accounts/security), and probes and scrapers have no token: they pass; every other route needs one.
 * MetricsController is not exported by the kit, hence the name. OperationsController checks the operations token itself.
 */
const OPERATIONS_CONTROLLERS = new Set(['MetricsController', 'OperationsController']);

@Injectable()
export class ProfileAccessGuard implements CanActivate {
  constructor(private readonly accessTokens: AccessTokenGuard) {}

  canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    const controller = context.getClass();
    if (controller === HealthController || OPERATIONS_CONTROLLERS.has(controller.name)) return true;
    return this.accessTokens.canActivate(context);
  }
}
