import { Module } from '@nestjs/common';
import { AccountActivity } from './account-activity';
import { ActivityController } from './activity.controller';
import { EventSchemas } from './event-schemas';

@Module({
  controllers: [ActivityController],
  providers: [AccountActivity, { provide: EventSchemas, useFactory: () => new EventSchemas() }],
})
export class AppModule {}
