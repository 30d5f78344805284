import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** AccountView (application/accounts/account-view.ts) as a JSON schema for /docs. */
export const ACCOUNT_VIEW: SchemaObject = {
  type: 'object',
  required: [
    'id',
    'orgId',
    'userName',
    'firstName',
    'lastName',
    'email',
    'mobilePhone',
    'timeZone',
    'sessionTimeout',
    'accountType',
    'groupRestriction',
    'enabled',
    'pendingEmail',
    'createdAt',
    'createdAtLocal',
    'updatedAt',
    'updatedAtLocal',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    orgId: { type: 'string', format: 'uuid' },
    userName: { type: 'string' },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    email: { type: 'string' },
    mobilePhone: { type: 'string', nullable: true, description: 'E.164' },
    timeZone: { type: 'string', description: 'IANA time zone' },
    sessionTimeout: {
      type: 'string',
      enum: ['15m', '30m', '1h', '2h', '4h', '8h', 'never'],
    },
    accountType: { type: 'string' },
    groupRestriction: {
      type: 'object',
      required: ['kind'],
      properties: {
        kind: { type: 'string', enum: ['all', 'groups'] },
        groups: { type: 'array', items: { type: 'string' } },
      },
    },
    enabled: { type: 'boolean' },
    pendingEmail: {
      type: 'object',
      nullable: true,
      description:
        'A new address waiting for the link mailed to it to be used (POST /accounts/me/email/confirm); until then email codes go to `email`',
      required: ['email', 'expiresAt', 'expiresAtLocal'],
      properties: {
        email: { type: 'string' },
        expiresAt: { type: 'string', format: 'date-time', description: 'UTC' },
        expiresAtLocal: {
          type: 'string',
          description: "In the caller's time zone",
        },
      },
    },
    createdAt: { type: 'string', format: 'date-time', description: 'UTC' },
    createdAtLocal: {
      type: 'string',
      description: "In the caller's time zone",
    },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedAtLocal: { type: 'string' },
  },
  additionalProperties: false,
};
