export * from './authentication-event-types';
export * from './authenticator-events';
export * from './event-shape';
export * from './session-events';
export * from './sign-in-events';
export * from './sign-in-guard-events';
