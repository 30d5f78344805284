import { DomainError } from '@accounts/event-sourcing';
import { CurrentPrincipal, type Principal, RequireScope } from '@accounts/security';
import { Controller, Get, Header, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuditQueries } from '../application/audit-queries';
import type { ActivityPage } from '../application/my-activity';
import { ActivityPageDto } from './dto/activity-page.dto';
import { ActivityQueryDto } from './dto/activity-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/me')
// Reading security history: people, or API credentials granted audit:read.
@RequireScope('audit:read')
export class MyActivityController {
  constructor(private readonly queries: AuditQueries) {}

  @Get('activity')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Your own security activity, newest first: sign-ins (succeeded or failed), second-factor and method changes, password changes, trusted computers, ended sessions, API credentials, changes by an administrator',
  })
  @ApiOkResponse({ type: ActivityPageDto, description: 'One page of my activity, newest first' })
  @ApiUnauthorizedResponse({ description: 'No or invalid access token' })
  @ApiForbiddenResponse({ description: 'An API access token: a person reads their own activity' })
  activity(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ActivityQueryDto,
  ): Promise<ActivityPage> {
    if (caller.kind !== 'user') {
      throw new DomainError(
        'forbidden',
        'AUDIT-person-required',
        'Your activity is shown to you signed in, not to an API access token',
      );
    }
    return this.queries.activity(caller, {
      limit: query.limit ?? 20,
      before: query.before,
      timeZone: query.tz,
    });
  }
}
