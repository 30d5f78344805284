#!/usr/bin/env node
// `node tools/build.mjs <app>` (the `build` target of every service): compiles the app and the
// workspace libraries it imports to dist/apps/<app>/ with swc, file by file, keeping the source
// layout. swc keeps Nest's decorator metadata (as jest's transform does) and rewrites the
// `@accounts/*` path aliases to relative requires, so the output runs under plain `node main.js`
// with only the production node_modules: nothing from the build toolchain is needed at run time.
//
// Why not webpack: @nx/webpack drags in a Sass toolchain whose other-platform binaries the registry
// here does not always serve, which broke `npm ci`; a NestJS service needs no bundling at all.
import { transformFile } from '@swc/core';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const app = process.argv[2];
if (!app || !existsSync(join(root, 'apps', app, 'src', 'main.ts'))) {
  console.error(
    `usage: node tools/build.mjs <app>   (apps/<app>/src/main.ts must exist; got ${app ?? 'nothing'})`,
  );
  process.exit(2);
}
// --out-dir DIR builds elsewhere (the build's own test uses a temp folder).
const outFlag = process.argv.indexOf('--out-dir');
const out = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(root, 'dist', 'apps', app);
const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;

// nodemailer (NOTIFIER_EMAIL=smtp only) and qrcode (an authenticator enrollment only): 4-5 MiB less
// resident in an idle auth-service process (issue 15).
const LAZY_PACKAGES = ['@eventstore/db-client', 'pg', 'kafkajs', 'nodemailer', 'qrcode'];

// One swc configuration for every file: the same transform as jest.preset.js, plus the aliases.
const swcOptions = (filename) => ({
  filename,
  swcrc: false,
  sourceMaps: true,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    baseUrl: root,
    paths: base.paths,
    keepClassNames: true,
  },
  // Clients of the stores and brokers a deployment may not use are required at their first use, not
  // at start: with the embedded SQLite store and no Kafka they are never loaded (a worker's RSS falls
  // by tens of MiB). Only packages whose import has no side effect a service relies on belong here.
  module: { type: 'commonjs', lazy: LAZY_PACKAGES },
  minify: false,
});

// Only what main.ts reaches ships: follow every import from it, relative or through an alias.
const importPattern = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|^import\s+)'([^']+)'/gm;
function resolveSource(specifier, fromFile) {
  const aliased = base.paths[specifier]?.[0];
  const path = aliased
    ? join(root, aliased)
    : specifier.startsWith('.')
      ? resolve(dirname(fromFile), specifier)
      : undefined;
  if (!path) return undefined; // a package from node_modules: required at run time
  const candidates = [path, `${path}.ts`, join(path, 'index.ts')];
  const found = candidates.find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
  if (!found) throw new Error(`${relative(root, fromFile)}: cannot resolve '${specifier}'`);
  return found;
}
const files = new Set();
const pending = [join(root, 'apps', app, 'src', 'main.ts')];
while (pending.length) {
  const file = pending.pop();
  if (files.has(file)) continue;
  files.add(file);
  const source = readFileSync(file, 'utf8');
  for (const [, specifier] of source.matchAll(importPattern)) {
    const target = resolveSource(specifier, file);
    if (target && !files.has(target)) pending.push(target);
  }
}
const projects = new Set(
  [...files].map((file) => relative(root, file).split('/').slice(0, 2).join('/')),
);

rmSync(out, { recursive: true, force: true });
const started = Date.now();
await Promise.all(
  [...files].map(async (file) => {
    const { code, map } = await transformFile(file, swcOptions(file));
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);

// Assets sit where the compiled code looks for them (next to src/, as in the source tree).
for (const project of projects) {
  const assets = join(root, project, 'src', 'assets');
  if (existsSync(assets)) cpSync(assets, join(out, project, 'src', 'assets'), { recursive: true });
}

// The entry point the README, npm start, the benchmarks and the Dockerfile run. Stack traces are
// mapped to the TypeScript by stack-source-maps.cjs, which reads a map only when a stack trace needs
// it (Node's own source-map support parses and keeps every module's map: 6-8 MiB per worker).
cpSync(join(root, 'tools', 'stack-source-maps.cjs'), join(out, 'stack-source-maps.js'));
writeFileSync(
  join(out, 'main.js'),
  [
    "'use strict';",
    "require('./stack-source-maps.js');",
    `require('./apps/${app}/src/main.js');`,
    '',
  ].join('\n'),
);
console.log(
  `built ${app}: ${files.size} files from ${[...projects].sort().join(', ')} → ${relative(root, out)}/main.js in ${Date.now() - started} ms`,
);
