export * from './lib/decider-specification';
export * from './lib/test-tokens';
