export * from './lib/envelope';
export * from './lib/topics';
export * from './lib/profile';
export * from './lib/authentication';
export * from './lib/credentials';
export * from './lib/public';
export * from './lib/audit';
export * from './lib/time';
