import { firstEventOf } from './first-event-of';

type Event =
  | { type: 'Started'; data: { at: string } }
  | { type: 'Failed'; data: { reason: string } };

describe('firstEventOf', () => {
  const events: Event[] = [
    { type: 'Failed', data: { reason: 'wrong code' } },
    { type: 'Started', data: { at: 'noon' } },
    { type: 'Failed', data: { reason: 'second' } },
  ];

  it('finds the first event of the type, its payload typed', () => {
    expect(firstEventOf(events, 'Failed')?.data.reason).toBe('wrong code');
    expect(firstEventOf(events, 'Started')?.data.at).toBe('noon');
  });

  it('is undefined when the command appended none of that type', () => {
    expect(firstEventOf<Event, 'Started'>([], 'Started')).toBeUndefined();
  });
});
