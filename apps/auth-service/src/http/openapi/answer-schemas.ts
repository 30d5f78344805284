import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The answers of the token routes, as JSON schemas for /docs (the services return plain objects). */
export const TOKEN_ANSWER: SchemaObject = {
  type: 'object',
  required: ['accessToken', 'refreshToken', 'expiresIn', 'tokenType'],
  properties: {
    accessToken: { type: 'string', description: 'JWT (EdDSA), 300 s' },
    refreshToken: { type: 'string' },
    expiresIn: { type: 'integer', example: 300 },
    tokenType: { type: 'string', enum: ['Bearer'] },
    trustedDeviceToken: {
      type: 'string',
      description:
        'Only where the method trusts computers (also set as the trusted_device cookie)',
    },
  },
  additionalProperties: false,
};

export const CHALLENGE_ANSWER: SchemaObject = {
  type: 'object',
  required: ['challengeId', 'method', 'sentTo'],
  properties: {
    challengeId: { type: 'string', format: 'uuid' },
    method: {
      type: 'string',
      description: 'email, sms, authenticator, or enroll-second-factor',
    },
    sentTo: {
      type: 'string',
      nullable: true,
      description: 'The masked destination of the code',
    },
    reason: { type: 'string' },
  },
  additionalProperties: false,
};

export const LOGIN_ANSWER: SchemaObject = {
  oneOf: [TOKEN_ANSWER, CHALLENGE_ANSWER],
};

export const METHOD_ANSWER: SchemaObject = {
  type: 'object',
  required: ['method', 'enrollment'],
  properties: {
    method: { type: 'string' },
    enrollment: {
      type: 'object',
      nullable: true,
      description:
        'Set when an authenticator method starts enrollment: confirm with POST /auth/me/authenticator/confirm',
      required: ['otpauthUri', 'secret', 'qrCode', 'pendingMethod'],
      properties: {
        otpauthUri: { type: 'string' },
        secret: {
          type: 'string',
          description: 'Base32 TOTP secret, shown once',
        },
        qrCode: { type: 'string', description: 'PNG data URL' },
        pendingMethod: { type: 'string' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};
