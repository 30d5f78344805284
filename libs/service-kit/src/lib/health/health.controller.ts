import { Controller, Get, ServiceUnavailableException, SetMetadata } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { HealthAnswer } from '../openapi/operations-answers';
import { HealthIndicatorRegistry } from './health-indicator-registry';

export const HEALTH_CHECK_FAILED = 'HEALTH-check-failed';

@ApiTags('operations')
// The same marker @accounts/security's @Public() sets: no access token needed.
@SetMetadata('accounts:public', true)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly registry: HealthIndicatorRegistry,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Liveness and readiness: event store and other registered dependencies',
  })
  @ApiOkResponse({ description: 'Every dependency is up', type: HealthAnswer })
  @ApiServiceUnavailableResponse({
    description: 'At least one dependency is down; details say which',
  })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.registry.all());
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Same error shape as every other answer; terminus's full result goes in details.
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {}).join(', ') || 'unknown';
      throw new ServiceUnavailableException({
        message: `Unhealthy: ${down}`,
        code: HEALTH_CHECK_FAILED,
        details: result,
      });
    }
  }
}
