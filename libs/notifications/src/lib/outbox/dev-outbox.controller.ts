import { BadRequestException, Controller, Get, Inject, Query, SetMetadata } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DevOutbox, OUTBOX_DEFAULT_LIMIT, OUTBOX_MAX_LIMIT } from './dev-outbox';
import type { OutboxEntry } from './outbox-entry';
import { OutboxAnswer } from './outbox-answers';

/**
 * Same key as @accounts/security's @Public(): a developer reads the sign-in code here before having
 * a token. Spelled out because a data-access lib may not import a feature lib.
 */
const PUBLIC_ROUTE = 'accounts:public';

export const INVALID_OUTBOX_QUERY = 'NOTIFY-invalid-outbox-query';

/** GET /dev/outbox: what the dev outbox "sent". Mount it only when the dev outbox is the channel. */
@ApiTags('development')
@SetMetadata(PUBLIC_ROUTE, true)
@Controller('dev/outbox')
export class DevOutboxController {
  constructor(@Inject(DevOutbox) private readonly outbox: DevOutbox) {}

  @Get()
  @ApiOperation({
    summary: 'Emails and SMS written to the dev outbox, newest first (development only)',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'Only messages to this email address or phone number',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `1 to ${OUTBOX_MAX_LIMIT}, default ${OUTBOX_DEFAULT_LIMIT}`,
  })
  @ApiOkResponse({ type: OutboxAnswer, description: 'The messages' })
  async list(
    @Query('to') to?: unknown,
    @Query('limit') limit?: unknown,
  ): Promise<{ items: OutboxEntry[] }> {
    if (to !== undefined && typeof to !== 'string') throw invalidQuery('to must be given once');
    return { items: await this.outbox.list({ to, limit: parseLimit(limit) }) };
  }
}

function parseLimit(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= OUTBOX_MAX_LIMIT)) {
    throw invalidQuery(`limit must be an integer from 1 to ${OUTBOX_MAX_LIMIT}`);
  }
  return value;
}

function invalidQuery(message: string): BadRequestException {
  return new BadRequestException({ message, code: INVALID_OUTBOX_QUERY });
}
