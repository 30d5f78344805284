import { type DynamicModule, Module } from '@nestjs/common';
import { DevOutbox } from './dev-outbox';
import { DevOutboxController } from './dev-outbox.controller';

/** Mounts GET /dev/outbox for a given outbox: `imports: [DevOutboxModule.serving(setup.outbox)]`. */
@Module({})
export class DevOutboxModule {
  static serving(outbox: DevOutbox): DynamicModule {
    return {
      module: DevOutboxModule,
      controllers: [DevOutboxController],
      providers: [{ provide: DevOutbox, useValue: outbox }],
      exports: [DevOutbox],
    };
  }
}
