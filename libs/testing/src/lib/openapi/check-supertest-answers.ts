import { appendFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Test } from 'supertest';
import {
  answerOf,
  findOperation,
  type OpenApiDocument,
  openApiMismatches,
} from './openapi-conformance';

type AssertCallback = (this: Test, error: Error | null, res: unknown) => void;
type Assert = (this: Test, resError: Error | null, res: unknown, fn?: AssertCallback) => void;

const documents = new WeakMap<Server, Promise<OpenApiDocument | undefined>>();
const SKIP = Symbol('openapi-document-request');
let installed = false;

/**
 * From now on every supertest answer from a server that serves /docs-json is checked against that
 * document once the test's own expectations pass: a contradiction fails the request (and so the
 * test) with the list of differences. Servers without a document are not checked. Installed by
 * `openapi-answers.setup.ts` in the jest config of every service.
 */
export function checkEverySupertestAnswer(): void {
  if (installed) return;
  installed = true;
  const prototype = Test.prototype as unknown as { assert: Assert };
  const original = prototype.assert;
  prototype.assert = function (this: Test, resError, res, fn) {
    const self = this as Test & { app: unknown; [SKIP]?: true };
    if (self[SKIP] || !res || typeof self.app !== 'object' || self.app === null)
      return original.call(this, resError, res, fn);
    const server = self.app as Server;
    original.call(this, resError, res, function (this: Test, error, checked) {
      if (error || !fn) return fn?.call(this, error, checked);
      documentOf(server).then(
        (doc) => {
          const answer = answerOf(res as Parameters<typeof answerOf>[0]);
          const problems = doc ? openApiMismatches(doc, answer) : [];
          if (doc) logAnswer(doc, answer.method, answer.path, answer.status);
          fn.call(
            this,
            problems.length
              ? new Error(`The answer contradicts the OpenAPI document:\n${problems.join('\n')}`)
              : null,
            checked,
          );
        },
        (failure: unknown) =>
          fn.call(this, failure instanceof Error ? failure : new Error(String(failure)), checked),
      );
    });
  };
}

/** The document the server serves, asked once per server. */
function documentOf(server: Server): Promise<OpenApiDocument | undefined> {
  let doc = documents.get(server);
  if (!doc) {
    doc = new Promise((resolve) => {
      const request = new Test(server, 'get', '/docs-json') as Test & {
        [SKIP]?: true;
      };
      request[SKIP] = true;
      request.end((error, res) => {
        const body = res?.body as Partial<OpenApiDocument> | undefined;
        const served =
          !error && res.status === 200 && body?.paths ? (body as OpenApiDocument) : undefined;
        if (served) logOperations(served);
        resolve(served);
      });
    });
    documents.set(server, doc);
  }
  return doc;
}

// OPENAPI_ANSWERS_LOG=<file>: which operations the specs called with which statuses (tools/openapi-coverage.mjs reads it).
const log = (line: object) => {
  const file = process.env['OPENAPI_ANSWERS_LOG'];
  if (file) appendFileSync(file, `${JSON.stringify(line)}\n`);
};
const titleOf = (doc: OpenApiDocument) =>
  (doc as { info?: { title?: string } }).info?.title ?? 'unknown';

function logOperations(doc: OpenApiDocument): void {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => ['get', 'put', 'post', 'delete', 'patch'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
  log({ service: titleOf(doc), operations });
}

function logAnswer(doc: OpenApiDocument, method: string, path: string, status: number): void {
  const found = findOperation(doc, method, path);
  if (found)
    log({
      service: titleOf(doc),
      operation: `${method.toUpperCase()} ${found.template}`,
      status,
    });
}
