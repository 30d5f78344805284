import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import type { NewAccountProfile } from '../../domain';

/**
 * Types only: the domain parsers check the content and name the field in their message
 * (e.g. "userName must be 1 to 64 letters or digits").
 */
export class NewAccountProfileDto implements NewAccountProfile {
  @ApiProperty({
    example: 'jane',
    description: 'Letters and digits, 1–64; unique on the server whatever the case',
  })
  @IsString()
  userName!: string;

  @ApiProperty({ example: 'Jane' })
  @IsString()
  firstName!: string;

  @ApiProperty({ example: 'Doe' })
  @IsString()
  lastName!: string;

  @ApiProperty({ example: 'jane@example.com' })
  @IsString()
  email!: string;

  @ApiPropertyOptional({
    example: '+33612345678',
    nullable: true,
    description: 'International format (E.164)',
  })
  @IsOptional()
  @IsString()
  mobilePhone?: string | null;

  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'IANA time zone; default UTC' })
  @IsOptional()
  @IsString()
  timeZone?: string;

  @ApiPropertyOptional({
    enum: ['15m', '30m', '1h', '2h', '4h', '8h', 'never'],
    description: 'Default 30m',
  })
  @IsOptional()
  @IsString()
  sessionTimeout?: string;
}
