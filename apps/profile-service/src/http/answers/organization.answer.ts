import { ApiProperty } from '@nestjs/swagger';
import { CreatedAccountAnswer, TimestampsAnswer } from './account.answer';

/** An organization and its settings (OrganizationView). */
export class OrganizationAnswer extends TimestampsAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Acme' }) name!: string;
  @ApiProperty({ description: 'Every user must sign in with a second factor' })
  twoFactorRequired!: boolean;
  @ApiProperty({
    description: 'false: users cannot change their own email address',
  })
  emailEditableByUsers!: boolean;
  @ApiProperty({
    type: [String],
    enum: ['email', 'sms', 'authenticator'],
    example: ['email', 'sms', 'authenticator'],
  })
  allowedSecondFactors!: string[];
}

export class CreatedOrganizationAnswer {
  @ApiProperty({ type: OrganizationAnswer }) organization!: OrganizationAnswer;
  @ApiProperty({
    type: CreatedAccountAnswer,
    description: 'The first administrator',
  })
  administrator!: CreatedAccountAnswer;
}
