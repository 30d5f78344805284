/** A misconfigured or failing relay or Kafka source. `code` is stable and greppable (`MESSAGING-...`). */
export class MessagingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MessagingError';
  }
}
