import type { EventOf } from '../envelope';

/** An authentication event as decided by the domain (the one EventOf shape). */
export type AuthenticationEventOf<Type extends string, Data> = EventOf<Type, Data>;
