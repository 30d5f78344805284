import { chainHash, GENESIS_HASH } from './hash-chain';

export interface VerifyResult {
  readonly ok: boolean;
  /** One sentence: OK with the count, or the first line that is wrong and how. */
  readonly message: string;
  readonly line?: number;
  readonly count?: number;
}

interface ParsedLine {
  readonly line: number;
  readonly prev: string;
  readonly hash: string;
  readonly event?: unknown;
  readonly summary?: { readonly count: number; readonly finalHash: string };
}

const failed = (line: number, message: string): VerifyResult => ({
  ok: false,
  line,
  message: `line ${line}: ${message}`,
});

/**
 * Checks an export line by line: each line's own hash (altered), its link to the line before
 * (dropped, inserted or reordered, told apart by the line numbers), and the summary at the end (cut short).
 */
export async function verifyExport(
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<VerifyResult> {
  let previous = GENESIS_HASH;
  let expected = 1;
  let summary: ParsedLine['summary'];
  for await (const raw of lines) {
    if (raw.trim() === '') continue;
    if (summary) return failed(expected, 'a line follows the summary line (inserted)');
    let parsed: ParsedLine;
    try {
      parsed = JSON.parse(raw) as ParsedLine;
    } catch {
      return failed(expected, 'is not valid JSON (altered)');
    }
    const body = parsed.summary ?? parsed.event;
    if (typeof parsed.line !== 'number' || typeof parsed.hash !== 'string' || body === undefined) {
      return failed(expected, 'is not an export line (altered)');
    }
    if (
      chainHash(parsed.prev, JSON.stringify(body)) !== parsed.hash &&
      !hashesAsWritten(raw, parsed)
    )
      return failed(expected, 'was altered (its hash does not match its content)');
    if (parsed.prev !== previous) {
      if (parsed.line > expected)
        return failed(expected, `line ${expected} to ${parsed.line - 1} were dropped`);
      if (parsed.line < expected)
        return failed(expected, `holds line ${parsed.line}: lines were reordered or inserted`);
      return failed(
        expected,
        'does not follow the line before it (a line was inserted, dropped or altered before it)',
      );
    }
    if (parsed.line !== expected)
      return failed(expected, `is numbered ${parsed.line} (renumbered)`);
    summary = parsed.summary;
    previous = parsed.hash;
    expected += 1;
  }
  if (!summary) return failed(expected, 'the summary line is missing: the file was cut short');
  if (summary.count !== expected - 2)
    return failed(
      expected - 1,
      `the summary counts ${summary.count} events, the file has ${expected - 2}`,
    );
  return {
    ok: true,
    count: summary.count,
    message: `OK: ${summary.count} events, final hash ${summary.finalHash}`,
  };
}

const EVENT_KEY = ',"event":';

/**
 * An export hashes each event's JSON as the store holds it. Every adapter writes that text with
 * JSON.stringify, so re-serialising the parsed event gives it back (the check above); a row written
 * some other way (by hand, by a migration) keeps its own spacing or key order, so the line's event
 * text is also checked exactly as it stands in the file. Either is a SHA-256 commitment to the line.
 */
function hashesAsWritten(raw: string, parsed: ParsedLine): boolean {
  if (parsed.event === undefined) return false;
  const text = raw.trimEnd();
  const start = text.indexOf(EVENT_KEY);
  if (start < 0 || !text.endsWith('}')) return false;
  return chainHash(parsed.prev, text.slice(start + EVENT_KEY.length, -1)) === parsed.hash;
}
