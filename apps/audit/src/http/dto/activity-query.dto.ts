import { PageSizeProperty } from '@accounts/service-kit';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class ActivityQueryDto {
  @PageSizeProperty({ description: 'Items per page', maximum: 100, default: 20 })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (older items)' })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: 'must be the nextCursor of a previous page' })
  before?: string;

  @ApiPropertyOptional({
    description: 'IANA zone for localTime; default: the account’s own',
    example: 'Europe/Paris',
  })
  @IsOptional()
  @IsString()
  tz?: string;
}
