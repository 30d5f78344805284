import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class ListApiCredentialsQueryDto {
  @ApiPropertyOptional({ description: "Another account of your organization (administrators only); your own when absent" })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  accountId?: string;
}
