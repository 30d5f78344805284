import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, ValidateNested } from 'class-validator';
import type { NewOrganization } from '../../application/organizations/create-organization.command';
import { NewAccountProfileDto } from './new-account-profile.dto';

export class CreateOrganizationDto implements NewOrganization {
  @ApiProperty({ example: 'Acme', description: 'Organization name, 1–200 characters' })
  @IsString()
  name!: string;

  @ApiProperty({
    type: NewAccountProfileDto,
    description: 'The first administrator, created with the organization',
  })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NewAccountProfileDto)
  administrator!: NewAccountProfileDto;
}
