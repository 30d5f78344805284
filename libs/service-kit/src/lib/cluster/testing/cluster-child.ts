/**
 * A service as main.ts runs it (runServiceEntry + bootstrapService, the service kit's modules, the
 * embedded store in DATA_DIR), with one worker slow to initialise: SLOW_WORKER=<slot> waits SLOW_MS in
 * its modules' initialisation, as a worker on a loaded machine does.
 * Usage: WORKERS=2 PORT=… DATA_DIR=… SLOW_WORKER=2 SLOW_MS=3000 node -r @swc-node/register cluster-child.ts
 */
import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { bootstrapService } from '../../app/bootstrap-service';
import { baseConfigSchema } from '../../config/base-config';
import { runServiceEntry } from '../service-entry';
import { WORKER_ID_ENV } from '../worker-env';

@Injectable()
class SlowStart implements OnModuleInit {
  async onModuleInit(): Promise<void> {
    if (process.env[WORKER_ID_ENV] !== process.env['SLOW_WORKER']) return;
    await new Promise((resolve) => setTimeout(resolve, Number(process.env['SLOW_MS'] ?? 0)));
  }
}

@Module({ providers: [SlowStart] })
class ChildModule {}

runServiceEntry({
  serviceName: 'cluster-child',
  start: () =>
    bootstrapService({
      serviceName: 'cluster-child',
      schema: baseConfigSchema,
      module: ChildModule,
    }),
});
