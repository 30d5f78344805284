import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { AccountActivity } from './account-activity';
import { EventSchemas } from './event-schemas';
import { AUTHENTICATION_TOPIC, CREDENTIALS_TOPIC, PROFILE_TOPIC, type PublicEvent } from './topics';

/** One handler per topic: validate against the published schema, then apply (or set aside with the reason). */
@Controller()
export class ActivityController {
  constructor(
    private readonly schemas: EventSchemas,
    private readonly activity: AccountActivity,
  ) {}

  @EventPattern(PROFILE_TOPIC)
  profile(@Payload() value: unknown, @Ctx() context: KafkaContext): void {
    this.handle(value, context);
  }

  @EventPattern(AUTHENTICATION_TOPIC)
  authentication(@Payload() value: unknown, @Ctx() context: KafkaContext): void {
    this.handle(value, context);
  }

  @EventPattern(CREDENTIALS_TOPIC)
  credentials(@Payload() value: unknown, @Ctx() context: KafkaContext): void {
    this.handle(value, context);
  }

  private handle(value: unknown, context: KafkaContext): void {
    const topic = context.getTopic();
    const message = context.getMessage();
    const contentType = message.headers?.['content-type']?.toString();
    const problem =
      contentType !== 'application/json'
        ? `content-type ${contentType ?? 'missing'}`
        : this.schemas.problem(topic, value);
    if (problem) {
      this.activity.reject({ topic, offset: message.offset, reason: problem });
      return;
    }
    this.activity.apply(topic, message.key?.toString() ?? '', value as PublicEvent);
  }
}
