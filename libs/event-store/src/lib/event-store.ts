export function eventStore(): string {
  return 'event-store';
}
