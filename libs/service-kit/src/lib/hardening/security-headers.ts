import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

const ONE_YEAR_SECONDS = 31_536_000;

/**
 * helmet's headers (nosniff, frame denial, no referrer, ...) on every answer. The APIs answer JSON
 * only, so their content security policy allows nothing; the Swagger UI at /docs needs its own
 * scripts and styles. HSTS is sent only over HTTPS, where browsers honour it.
 */
export function securityHeaders() {
  const api = helmet({
    hsts: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  const docs = helmet({ hsts: false, contentSecurityPolicy: false });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.secure)
      res.setHeader('Strict-Transport-Security', `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`);
    (isDocs(req.path) ? docs : api)(req, res, next);
  };
}

/**
 * Answers carry personal data, tokens and secrets: no cache may keep them. A handler whose answer
 * is public (the JWKS) sets its own Cache-Control, which replaces this one.
 */
export function noStore(req: Request, res: Response, next: NextFunction): void {
  if (!isDocs(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}

function isDocs(path: string): boolean {
  return (
    path === '/docs' ||
    path.startsWith('/docs/') ||
    path.startsWith('/docs-json') ||
    path.startsWith('/docs-yaml')
  );
}
