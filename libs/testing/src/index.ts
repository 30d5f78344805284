export * from './lib/decider-specification';
export * from './lib/test-tokens';
export * from './lib/route-walk';
