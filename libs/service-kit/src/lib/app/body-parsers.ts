import type { FastifyInstance } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';
import { BodyParserError } from '../errors/body-parser-error';
import { JSON_TOO_DEEP, jsonDepthExceeds, MAX_JSON_DEPTH } from '../hardening/json-depth';
import { BODY_LIMIT_BYTES } from './http-platform';

export const JSON_PARSE_FAILED = 'entity.parse.failed';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * The two bodies the services read, as express.json() and express.urlencoded() read them before:
 * JSON (objects and arrays only; an empty body is `{}`; nested deeper than MAX_JSON_DEPTH refused
 * before any pipe recurses into it) and forms (the OAuth endpoints). Fastify's JSON parser (with
 * its __proto__ and constructor checks) does the parsing; its errors become BodyParserErrors, which
 * the error filter answers "Malformed JSON body". Bodies over BODY_LIMIT_BYTES are Fastify's 413.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (request, text, done: Done) => {
      const body = text as string;
      const start = firstNonSpace(body);
      if (start === -1) return done(null, {});
      if (body[start] !== '{' && body[start] !== '[') return done(malformed());
      parseJson(request, body, (error: Error | null, parsed?: unknown) => {
        if (error) return done(malformed());
        if (jsonDepthExceeds(parsed, MAX_JSON_DEPTH)) {
          return done(
            new BodyParserError(
              400,
              JSON_TOO_DEEP,
              `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`,
            ),
          );
        }
        done(null, parsed);
      });
    },
  );
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (_request, text, done: Done) => done(null, { ...parseQueryString(text as string) }),
  );
}

function malformed(): BodyParserError {
  return new BodyParserError(400, JSON_PARSE_FAILED, 'Malformed JSON body');
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
  }
  return -1;
}
