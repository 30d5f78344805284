import type { FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

const ONE_YEAR_SECONDS = 31_536_000;

type Header = readonly [name: string, value: string];

/**
 * helmet's headers (nosniff, frame denial, no referrer, ...) on every answer. The APIs answer JSON
 * only, so their content security policy allows nothing; the Swagger UI at /docs needs its own
 * scripts and styles. HSTS is sent only over HTTPS (directly, or said by a trusted proxy), where
 * browsers honour it. helmet's headers do not depend on the request: they are computed once, and
 * set on the raw response so that answers written without Fastify's reply carry them too.
 */
export function securityHeaders(): (request: FastifyRequest, res: ServerResponse) => void {
  const api = headersOf(
    helmet({
      hsts: false,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
    }),
  );
  const docs = headersOf(helmet({ hsts: false, contentSecurityPolicy: false }));
  return (request, res) => {
    const onDocs = isDocs(request.url);
    for (const [name, value] of onDocs ? docs : api) res.setHeader(name, value);
    if (request.protocol === 'https')
      res.setHeader('Strict-Transport-Security', `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`);
    // Answers carry personal data, tokens and secrets: no cache may keep them. A handler whose answer
    // is public (the JWKS) sets its own Cache-Control, which replaces this one.
    if (!onDocs) res.setHeader('Cache-Control', 'no-store');
  };
}

/** The headers one helmet middleware sets, read by running it once on a stand-in response. */
function headersOf(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void,
): Header[] {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => void headers.set(name, String(value)),
    removeHeader: (name: string) => void headers.delete(name),
  };
  middleware({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return [...headers];
}

function isDocs(url: string): boolean {
  return (
    url === '/docs' ||
    url.startsWith('/docs/') ||
    url.startsWith('/docs?') ||
    url.startsWith('/docs-json') ||
    url.startsWith('/docs-yaml')
  );
}
