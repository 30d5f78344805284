import { invisibleFormattingIn } from './display-text';

describe('invisible formatting characters in display text', () => {
  it.each([
    ['a right-to-left override', 'Jane\u202eeod', 'U+202E'],
    ['a left-to-right isolate', 'Jane\u2066Doe', 'U+2066'],
    ['an Arabic letter mark', 'Jane\u061cDoe', 'U+061C'],
    ['a line separator', 'Jane\u2028Doe', 'U+2028'],
    ['a paragraph separator', 'Jane\u2029Doe', 'U+2029'],
    ['a next-line control (U+0085)', 'Jane\u0085Doe', 'U+0085'],
    ['a zero-width space', 'Ja\u200bne', 'U+200B'],
    ['a zero-width joiner', 'Ja\u200dne', 'U+200D'],
    ['a word joiner', 'Ja\u2060ne', 'U+2060'],
    ['a byte-order mark', '\ufeffJane', 'U+FEFF'],
    ['a line feed', 'Jane\nDoe', 'U+000A'],
    ['a delete', 'Jane\u007f', 'U+007F'],
  ])('finds %s', (_what, text, found) => {
    expect(invisibleFormattingIn(text)).toBe(found);
  });

  it.each([
    'Jane Doe',
    'Zoë Ångström',
    'محمد',
    'שרה',
    '李小龍',
    'Nguyễn Văn A',
    "O'Brien-Smith",
    '🙂',
  ])('accepts %s', (text) => {
    expect(invisibleFormattingIn(text)).toBeUndefined();
  });
});
