export * from './format-in-time-zone';
