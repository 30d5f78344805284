/** DI token of the service's EventStore (`@Inject(EVENT_STORE) store: EventStore`). */
export const EVENT_STORE = Symbol('EVENT_STORE');
