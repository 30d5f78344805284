export * from './api-credential-events';
export * from './credentials-event-types';
export * from './api-scopes';
