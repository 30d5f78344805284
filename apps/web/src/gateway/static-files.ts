import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The built page: hashed assets cached for a year, every other path answered by index.html (client routing). */
export function staticFiles(root: string) {
  const base = normalize(root + sep);
  return function serve(request: IncomingMessage, response: ServerResponse, path: string): void {
    let file: string;
    try {
      file = normalize(join(base, decodeURIComponent(path)));
    } catch {
      file = '';
    }
    const inside = file.startsWith(base);
    const isFile = inside && existsSync(file) && statSync(file).isFile();
    if (!isFile && extname(path)) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void response.end('Not found');
    }
    const target = isFile ? file : join(base, 'index.html');
    if (!existsSync(target)) {
      response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void response.end('The page is not built: run npm run build');
    }
    const immutable = target.includes(`${sep}assets${sep}`);
    response.writeHead(200, {
      'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(target).pipe(response);
  };
}
