import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const apps = ['profile-service', 'auth-service', 'credentials-service', 'audit', 'web'];

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? jsFiles(join(dir, entry.name))
      : entry.name.endsWith('.js')
        ? [join(dir, entry.name)]
        : [],
  );
}
const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];

// `npm run build` must give output that runs under plain node with `npm ci --omit=dev` (the Dockerfile):
// every bare require of the compiled code is a Node built-in or a production dependency.
describe('tools/build.mjs', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'build-spec-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(apps)(
    '%s: compiles to main.js whose requires are built-ins or production dependencies only',
    (app) => {
      const target = join(out, app);
      const result = spawnSync(
        process.execPath,
        [join(root, 'tools/build.mjs'), app, '--out-dir', target],
        { encoding: 'utf8' },
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const files = jsFiles(target);
      expect(files).toContain(join(target, 'main.js'));
      expect(
        files.some((file) => /\.(spec|test)\.js$/.test(file) || /\/src\/testing\//.test(file)),
      ).toBe(false);
      const bare = new Set<string>();
      for (const file of files) {
        const code = readFileSync(file, 'utf8');
        expect(code).not.toMatch(/require\("@accounts\//); // aliases are rewritten to relative paths
        for (const [, specifier] of code.matchAll(/require\("([^".][^"]*)"\)/g))
          bare.add(packageOf(specifier));
      }
      const builtins = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));
      const notProduction = [...bare].filter(
        (name) => !builtins.has(name.replace(/^node:/, '')) && !(name in manifest.dependencies),
      );
      expect(notProduction).toEqual([]);
      // The services are Nest apps; the web gateway is plain node http with the proxy library.
      expect(bare.has(app === 'web' ? 'http-proxy-middleware' : '@nestjs/core')).toBe(true);
    },
  );

  it('ships the SQLite writer thread, which only a Worker loads (SQLITE_WRITER=thread)', () => {
    const target = join(out, 'auth-service');
    if (!existsSync(join(target, 'main.js'))) {
      spawnSync(process.execPath, [
        join(root, 'tools/build.mjs'),
        'auth-service',
        '--out-dir',
        target,
      ]);
    }
    expect(jsFiles(target)).toContain(
      join(target, 'libs/event-store/src/lib/sqlite/sqlite-writer-thread.js'),
    );
  });

  it('requires the SMTP client and the QR-code encoder at first use, not at start (auth-service)', () => {
    const target = join(out, 'auth-service');
    if (!existsSync(join(target, 'main.js')))
      spawnSync(process.execPath, [
        join(root, 'tools/build.mjs'),
        'auth-service',
        '--out-dir',
        target,
      ]);
    // swc's lazy require: `function _nodemailer() { const data = require("nodemailer"); ... }`.
    const requires = jsFiles(target).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^(.*)\n.*require\("(nodemailer|qrcode)"\)/gm)].map(
        (match) => ({ wrapper: match[1].trim(), pkg: match[2] }),
      ),
    );
    expect(requires.map((r) => r.pkg).sort()).toEqual(['nodemailer', 'qrcode']);
    for (const { wrapper, pkg } of requires) expect(wrapper).toBe(`function _${pkg}() {`);
  });

  it('maps stack traces to the TypeScript, reading a source map only when a stack trace needs it', () => {
    const target = join(out, 'credentials-service');
    if (!existsSync(join(target, 'main.js')))
      spawnSync(process.execPath, [
        join(root, 'tools/build.mjs'),
        'credentials-service',
        '--out-dir',
        target,
      ]);
    // Node's own source-map support would parse and keep every module's map as it loads.
    expect(readFileSync(join(target, 'main.js'), 'utf8')).not.toMatch(/setSourceMapsEnabled/);
    const script = [
      "require('./stack-source-maps.js');",
      "const { loadConfig } = require('./libs/service-kit/src/lib/config/load-config.js');",
      "const { baseConfigSchema } = require('./libs/service-kit/src/lib/config/base-config.js');",
      "try { loadConfig(baseConfigSchema, { PORT: 'x' }); } catch (error) {",
      '  console.log(JSON.stringify({ stack: error.stack, plain: new Error("plain").stack }));',
      '}',
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', script], { cwd: target, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const { stack, plain } = JSON.parse(result.stdout) as { stack: string; plain: string };
    expect(stack).toMatch(/^ConfigError: Invalid configuration/);
    expect(stack).toMatch(
      /\n {4}at loadConfig \(\/.*\/libs\/service-kit\/src\/lib\/config\/load-config\.ts:\d+:\d+\)/,
    );
    expect(stack).not.toMatch(/load-config\.js/);
    // Frames outside the build (here: the -e script, Node's own) keep V8's text.
    expect(plain).toMatch(/^Error: plain\n {4}at \[eval\]:\d+:\d+\n {4}at /);
  });

  it('refuses an unknown app with a usage line', () => {
    const result = spawnSync(process.execPath, [join(root, 'tools/build.mjs'), 'no-such-app'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/usage: node tools\/build\.mjs <app>/);
  });
});
