import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { ServiceKitModule } from './service-kit.module';
import type { ServiceKitOptions } from './service-kit.options';

/** What a service adds on top of the kit: its AppModule, or a test's controllers and providers. */
export type ServiceModules = Pick<ModuleMetadata, 'imports' | 'controllers' | 'providers'>;

@Module({})
class ServiceRootModule {}

/** The root of every app: the kit (global) next to the service's own modules. */
export function serviceRootModule(kit: ServiceKitOptions, service: ServiceModules): DynamicModule {
  return {
    module: ServiceRootModule,
    imports: [ServiceKitModule.forRoot(kit), ...(service.imports ?? [])],
    controllers: service.controllers ?? [],
    providers: service.providers ?? [],
  };
}
