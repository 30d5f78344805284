export * from './lib/decider-specification';
export * from './lib/test-tokens';
export * from './lib/route-walk';
export * from './lib/scripted-history';
export * from './lib/rebuild-equals-live';
export * from './lib/openapi/openapi-conformance';
export * from './lib/openapi/undocumented-operations';
export * from './lib/openapi/check-supertest-answers';
