// Test helpers other projects' tests use (the real SMTP test server): `@accounts/notifications/test-support`.
export * from './local-smtp-server';
