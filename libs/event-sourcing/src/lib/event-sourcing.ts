export function eventSourcing(): string {
  return 'event-sourcing';
}
