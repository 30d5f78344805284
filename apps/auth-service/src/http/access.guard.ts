import { AccessTokenGuard } from '@accounts/security';
import { HealthController } from '@accounts/service-kit';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';

/**
 * service-kit's /health and /metrics carry no @Public() (the kit does not depend on
 * @accounts/security) and probes have no token: they pass; every other route goes through
 * AccessTokenGuard (@Public() routes included). MetricsController is not exported, hence the name.
 */
@Injectable()
export class AuthAccessGuard implements CanActivate {
  constructor(private readonly accessTokens: AccessTokenGuard) {}

  canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    const controller = context.getClass();
    // OperationsController checks the operations token itself.
    if (controller === HealthController || controller.name === 'MetricsController' || controller.name === 'OperationsController') return true;
    return this.accessTokens.canActivate(context);
  }
}
