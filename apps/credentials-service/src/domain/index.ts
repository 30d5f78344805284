// The pure domain of credentials-service: the ApiCredentials decider, its commands and state. No Nest, no I/O.
export * from './credential-actor';
export * from './credential-errors';
export * from './api-credentials-commands';
export * from './api-credentials-state';
export * from './api-credentials-decider';
export * from './values/credential-name';
export * from './values/expiry';
export * from './values/credential-scopes';
