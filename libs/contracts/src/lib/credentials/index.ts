export * from './api-credential-events';
export * from './credentials-event-types';
