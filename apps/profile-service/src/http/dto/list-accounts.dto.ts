import { PageSizeProperty } from '@accounts/service-kit';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;

export class ListAccountsDto {
  @ApiPropertyOptional({ example: 'ja', description: 'Start of the user name, any case' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,64}$/, {
    message: 'must be 1 to 64 letters or digits (the start of a user name)',
  })
  search?: string;

  @PageSizeProperty({ maximum: 100, default: DEFAULT_PAGE_SIZE })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}
