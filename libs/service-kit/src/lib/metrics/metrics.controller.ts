import { Controller, Get, Header, Inject, SetMetadata } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics-registry';
import { metricsText } from '../cluster/worker-metrics';

@ApiTags('operations')
// The same marker @accounts/security's @Public() sets: no access token needed.
@SetMetadata('accounts:public', true)
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Metrics in Prometheus text format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return metricsText(this.registry);
  }
}
