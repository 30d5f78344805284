export * from './lib/projections';
