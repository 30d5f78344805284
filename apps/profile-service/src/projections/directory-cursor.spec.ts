import { decodeCursor, encodeCursor } from './directory-cursor';

describe('directory cursor', () => {
  it('round-trips', () => {
    const cursor = { after: 'jane', id: '7b1c2f9e-0000-4000-8000-000000000000' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    '',
    'x',
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('["a"]').toString('base64url'),
  ])('refuses %p naming the cursor field', (text) => {
    expect(() => decodeCursor(text)).toThrow(
      expect.objectContaining({ kind: 'invalid', details: { field: 'cursor' } }),
    );
  });
});
