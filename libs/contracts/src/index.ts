export * from './lib/envelope';
export * from './lib/topics';
export * from './lib/profile';
