import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentPrincipal, type Principal, RequireScope } from '@accounts/security';
import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Inject,
  Param,
  ParseUUIDPipe,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { AccountStateAnswer, HistoryPageAnswer } from './answers/history.answer';
import { type AccountStateAt, composeStateAt, httpAsk } from '../application/account-state';
import { AuditQueries, type HistoryPage } from '../application/audit-queries';
import { assertAdministrator } from '../application/audit-access';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import type { AuditConfig } from '../config';
import { ExportQueryDto, HistoryQueryDto } from './dto/history-query.dto';

const uuid = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new BadRequestException({
        message: `${field} must be a UUID`,
        code: 'AUDIT-id-invalid',
        details: { field },
      }),
  });

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
// Reading security history: people, or API credentials granted audit:read.
@RequireScope('audit:read')
export class AccountHistoryController {
  private readonly serviceUrls: Map<string, string>;

  constructor(
    private readonly queries: AuditQueries,
    @Inject(SERVICE_CONFIG) config: AuditConfig,
  ) {
    this.serviceUrls = new Map(
      config.AUDIT_SERVICE_URLS.split(',').map(
        (pair) => pair.trim().split('=') as [string, string],
      ),
    );
  }

  @Get('accounts/:accountId/state')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({
    type: AccountStateAnswer,
    description: 'Each part as its service answered, or named in unavailable',
  })
  @ApiQuery({
    name: 'at',
    required: false,
    description: 'ISO-8601 instant; absent: now',
    example: '2026-03-01T12:00:00Z',
  })
  @ApiOperation({
    summary:
      'The account as each service would have answered at an instant (profile, sign-in settings, API credentials), asked with your own token (administrators)',
  })
  state(
    @CurrentPrincipal() caller: Principal,
    @Param('accountId', uuid('accountId')) accountId: string,
    @Query('at') at: string | undefined,
    @Req() request: { headers: { authorization?: string } },
  ): Promise<AccountStateAt> {
    assertAdministrator(caller);
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    // Each service checks the caller's rights on its own part: the audit service passes the token on, adds none.
    return composeStateAt(
      accountId,
      at ?? new Date().toISOString(),
      httpAsk(this.serviceUrls, token),
    );
  }

  @Get('accounts/:accountId/history')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: HistoryPageAnswer, description: 'One page of events, oldest first' })
  @ApiOperation({
    summary: 'Every event of an account of your organization, in words, in pages (administrators)',
  })
  history(
    @CurrentPrincipal() caller: Principal,
    @Param('accountId', uuid('accountId')) accountId: string,
    @Query() query: HistoryQueryDto,
  ): Promise<HistoryPage> {
    return this.queries.history(caller, accountId, {
      from: query.from,
      to: query.to,
      timeZone: query.tz,
      limit: query.limit ?? 200,
      after: query.after === undefined ? undefined : Number(query.after),
    });
  }

  @Get('organizations/:orgId/export')
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description:
      'One JSON object per line, each with the hash of the line before; the last line is the summary',
    content: {
      'application/x-ndjson': {
        schema: {
          type: 'string',
          description: 'JSON lines (verify with the summary’s hash chain)',
        },
      },
    },
  })
  @ApiOperation({
    summary:
      'Hash-chained JSON-lines export of your organization’s events, streamed; last line: the summary (administrators)',
  })
  async export(
    @CurrentPrincipal() caller: Principal,
    @Param('orgId', uuid('orgId')) orgId: string,
    @Query() query: ExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const lines = await this.queries.export(caller, { orgId, from: query.from, to: query.to });
    // Fastify pipes the lines with back-pressure: a slow client holds the export, not the memory;
    // a client that goes away stops it.
    void reply
      .status(200)
      .headers({
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="audit-${orgId}.jsonl"`,
      })
      .send(Readable.from(lines, { objectMode: false }));
  }
}
