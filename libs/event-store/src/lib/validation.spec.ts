import { InvalidEventStoreInputError } from './errors';
import { prepareAppend } from './validation';

/** The quick payload check (isJsonTree) must accept exactly what the full check (assertJson) accepts. */
describe('prepareAppend payload checks', () => {
  const append = (data: unknown, metadata?: unknown) =>
    prepareAppend('account-1', [{ type: 'A', data, metadata } as never], 'any');
  const refusal = (data: unknown, metadata?: unknown): InvalidEventStoreInputError => {
    try {
      append(data, metadata);
    } catch (error) {
      if (error instanceof InvalidEventStoreInputError) return error;
      throw error;
    }
    throw new Error('accepted');
  };

  it('serialises a plain payload as JSON', () => {
    const [event] = append({ a: 1, b: [true, null, 'x'], c: { d: 2.5 } }, { actor: 'u' }).events;
    expect(JSON.parse(event.data)).toEqual({ a: 1, b: [true, null, 'x'], c: { d: 2.5 } });
    expect(JSON.parse(event.metadata)).toEqual({ actor: 'u' });
  });

  it('accepts what JSON keeps: a payload deeper than the quick check goes, a shared object, a hole, an undefined property', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { next: deep };
    const shared = { x: 1 };
    // eslint-disable-next-line no-sparse-arrays
    const holes = [1, , 3];
    const [event] = append({ deep, one: shared, two: shared, holes, gone: undefined }).events;
    expect(JSON.parse(event.data)).toMatchObject({
      one: { x: 1 },
      two: { x: 1 },
      holes: [1, null, 3],
    });
  });

  it.each([
    ['a circular payload', () => ({ self: {} }) as Record<string, unknown>, 'events[0].data.self'],
    ['a non-finite number deep inside', () => ({ a: [{ b: Infinity }] }), 'events[0].data.a[0].b'],
    ['a BigInt', () => ({ n: BigInt(1) }), 'events[0].data.n'],
    ['a Date (not a plain object)', () => ({ at: new Date() }), 'events[0].data.at'],
    ['an undefined array item', () => ({ list: [1, undefined] }), 'events[0].data.list[1]'],
  ])('refuses %s naming the field', (_label, make, field) => {
    const data = make() as Record<string, unknown>;
    if (field.endsWith('.self')) data['self'] = data;
    expect(refusal(data).field).toBe(field);
  });

  it('refuses metadata that is not a plain object', () => {
    expect(refusal({}, ['x']).field).toBe('events[0].metadata');
  });

  it('checks every event instant, also when the events share one', () => {
    const at = new Date().toISOString();
    const prepared = prepareAppend(
      'account-1',
      [
        { type: 'A', data: {}, occurredAt: at },
        { type: 'B', data: {}, occurredAt: at },
      ],
      'any',
    );
    expect(prepared.events.map((e) => e.occurredAt)).toEqual([at, at]);
    expect(() =>
      prepareAppend('account-1', [{ type: 'A', data: {}, occurredAt: `${at}x` }], 'any'),
    ).toThrow(InvalidEventStoreInputError);
  });
});
