export * from './internal-event-catalog';
