/**
 * A body the parsers refused (body-parsers.ts), as a plain Error with a `type` in body-parser's words
 * (`entity.parse.failed`, `entity.too.deep`): Nest turns any SyntaxError into a BadRequestException
 * carrying the parser's message before exception filters see it, and we want "Malformed JSON body"
 * with a stable code instead.
 */
export class BodyParserError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'BodyParserError';
  }
}
