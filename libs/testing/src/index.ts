export * from './lib/decider-specification';
