export * from './lib/decider-specification';
export * from './lib/test-tokens';
export * from './lib/route-walk';
export * from './lib/scripted-history';
export * from './lib/rebuild-equals-live';
