import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class ListApiCredentialsQueryDto {
  @ApiPropertyOptional({
    description: 'Another account of your organization (administrators only); your own when absent',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  accountId?: string;

  @ApiPropertyOptional({
    description: 'The credentials as they were at this instant (administrators; with accountId)',
    example: '2026-03-01T12:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  at?: string;
}
