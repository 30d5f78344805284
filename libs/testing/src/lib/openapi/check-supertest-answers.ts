import type { Server } from 'node:http';
import { Test } from 'supertest';
import {
  answerOf,
  type OpenApiDocument,
  openApiMismatches,
} from './openapi-conformance';

type AssertCallback = (this: Test, error: Error | null, res: unknown) => void;
type Assert = (
  this: Test,
  resError: Error | null,
  res: unknown,
  fn?: AssertCallback,
) => void;

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
          const problems = doc
            ? openApiMismatches(
                doc,
                answerOf(res as Parameters<typeof answerOf>[0]),
              )
            : [];
          fn.call(
            this,
            problems.length
              ? new Error(
                  `The answer contradicts the OpenAPI document:\n${problems.join('\n')}`,
                )
              : null,
            checked,
          );
        },
        (failure: unknown) =>
          fn.call(
            this,
            failure instanceof Error ? failure : new Error(String(failure)),
            checked,
          ),
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
        resolve(
          !error && res.status === 200 && body?.paths
            ? (body as OpenApiDocument)
            : undefined,
        );
      });
    });
    documents.set(server, doc);
  }
  return doc;
}
