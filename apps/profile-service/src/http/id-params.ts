import { DomainError } from '@accounts/event-sourcing';
import { ParseUUIDPipe } from '@nestjs/common';

/** An id that is not a UUID names nothing that exists: the same 404 as a missing or foreign one. */
export const AccountIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('not_found', 'PROFILE-account-not-found', 'Account not found'),
});

export const OrganizationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('not_found', 'PROFILE-org-not-found', 'Organization not found'),
});
