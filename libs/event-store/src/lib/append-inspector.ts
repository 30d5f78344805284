import type { PreparedEvent } from './validation';

/**
 * Test seam: the jest setup (tools/jest/validate-appended-events.ts) installs a function here to see
 * every event an adapter is about to write, so every event a test appends is checked against its
 * JSON Schema. A global symbol, so the setup needs no import and every copy of this module sees it.
 */
export const APPEND_INSPECTOR = Symbol.for('@accounts/event-store/append-inspector');

export type AppendInspector = (streamId: string, events: readonly PreparedEvent[]) => void;

export function inspectAppend(streamId: string, events: readonly PreparedEvent[]): void {
  const inspector = (globalThis as { [APPEND_INSPECTOR]?: AppendInspector })[APPEND_INSPECTOR];
  if (typeof inspector === 'function') inspector(streamId, events);
}
