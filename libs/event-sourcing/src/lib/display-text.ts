/**
 * Characters that change how text around them is displayed without being visible themselves:
 * controls (C0, DEL, C1 with U+0085), line and paragraph separators (U+2028, U+2029),
 * bidirectional overrides, embeddings, isolates and marks (U+202E makes "gpj.exe" look like
 * "exe.jpg"), and zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF).
 * Names shown to other people (in lists, emails, audit trails) must not carry them.
 */
const INVISIBLE_FORMATTING =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** The first invisible formatting character in `text` as "U+202E", or undefined when there is none. */
export function invisibleFormattingIn(text: string): string | undefined {
  const match = INVISIBLE_FORMATTING.exec(text);
  if (!match) return undefined;
  return `U+${(match[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}
