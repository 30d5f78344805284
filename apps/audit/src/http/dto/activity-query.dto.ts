import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class ActivityQueryDto {
  @ApiPropertyOptional({ description: 'Items per page', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
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
