import { ApiScopes } from '@accounts/contracts';
import { ApiProperty } from '@nestjs/swagger';

/** The answers of /api-credentials (the handlers return plain objects). */
export class IssuedSecretAnswer {
  @ApiProperty({ format: 'uuid', description: 'The credential id' })
  id!: string;
  @ApiProperty({
    description: 'Public; used with the secret at POST /oauth/token',
  })
  clientId!: string;
  @ApiProperty({ description: 'Shown in this answer only, never again' })
  secret!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Never when null',
  })
  expiresAt!: string | null;
  @ApiProperty({ type: [String], enum: ApiScopes }) scopes!: string[];
}

export class ApiCredentialAnswer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() clientId!: string;
  @ApiProperty({ enum: ['active', 'revoked', 'expired'] }) status!: string;
  @ApiProperty({ type: [String], enum: ApiScopes }) scopes!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastRegeneratedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;
}

export class ApiCredentialListAnswer {
  @ApiProperty({ description: 'The account (the sub of its access tokens)' })
  accountId!: string;
  @ApiProperty({
    type: 'integer',
    description: 'How many active credentials an account may hold',
  })
  maxCredentials!: number;
  @ApiProperty({ type: [ApiCredentialAnswer] })
  credentials!: ApiCredentialAnswer[];
}
