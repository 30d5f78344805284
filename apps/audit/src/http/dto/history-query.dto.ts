import { PageSizeProperty } from '@accounts/service-kit';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';

export class HistoryQueryDto {
  @ApiPropertyOptional({
    description: 'From this instant (inclusive, ISO-8601)',
    example: '2026-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'Until this instant (exclusive, ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date or date-time' })
  to?: string;

  @ApiPropertyOptional({
    description: 'IANA zone for localTime; default: the account’s own',
    example: 'Europe/Paris',
  })
  @IsOptional()
  @IsString()
  tz?: string;

  @PageSizeProperty({ description: 'Entries per page', maximum: 1000, default: 200 })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: 'must be the nextCursor of a previous page' })
  after?: string;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ description: 'From this instant (inclusive, ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'Until this instant (exclusive, ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date or date-time' })
  to?: string;
}
