import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class CredentialIdParams {
  @ApiProperty({ description: 'The credential id (not the clientId)', format: 'uuid' })
  @IsUUID('all', { message: 'must be a credential id (UUID)' })
  id!: string;
}
