import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');

// The step runs in a child process (tools/format-check.mjs is ESM) over a scratch tree that has the
// repository's .prettierrc and .prettierignore and links its node_modules.
function runStep(tree: string, env: Record<string, string> = {}) {
  const script = `import('${join(root, 'tools/format-check.mjs')}').then(({ formatCheck }) =>
    process.stdout.write(JSON.stringify(formatCheck({ root: process.argv[1], env: JSON.parse(process.argv[2]) }))))`;
  const result = spawnSync(process.execPath, ['-e', script, tree, JSON.stringify(env)], {
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { status: string; line: string; output: string };
}

const isIgnored = (path: string) => {
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--file-info', path],
    { cwd: root, encoding: 'utf8' },
  );
  return (JSON.parse(result.stdout) as { ignored: boolean }).ignored;
};

describe('format step (tools/format-check.mjs)', () => {
  let tree: string;
  beforeEach(() => {
    tree = mkdtempSync(join(tmpdir(), 'format-check-'));
    copyFileSync(join(root, '.prettierrc'), join(tree, '.prettierrc'));
    copyFileSync(join(root, '.prettierignore'), join(tree, '.prettierignore'));
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
    mkdirSync(join(tree, 'src'));
  });
  afterEach(() => rmSync(tree, { recursive: true, force: true }));

  it('passes on a formatted tree', () => {
    writeFileSync(join(tree, 'src/ok.ts'), "export const greeting = 'hello';\n");
    expect(runStep(tree)).toMatchObject({ status: 'passed' });
  });

  it('fails and names the file when one is not formatted', () => {
    writeFileSync(join(tree, 'src/ok.ts'), "export const greeting = 'hello';\n");
    writeFileSync(join(tree, 'src/messy.ts'), 'export const greeting = "hello"  ;\n');
    const step = runStep(tree);
    expect(step.status).toBe('failed');
    expect(step.line).toMatch(/1 file\(s\) not formatted/);
    expect(step.output).toContain('src/messy.ts');
    expect(step.output).not.toContain('src/ok.ts');
  });

  it('wraps at 100 columns: a 100-character line passes, a 101-character call is wrapped', () => {
    const call = (n: number) =>
      `export const x = f('${'a'.repeat(n - "export const x = f('');".length)}');\n`;
    writeFileSync(join(tree, 'src/hundred.ts'), call(100));
    expect(runStep(tree)).toMatchObject({ status: 'passed' });
    writeFileSync(join(tree, 'src/hundred-and-one.ts'), call(101));
    expect(runStep(tree).output).toContain('src/hundred-and-one.ts');
  });

  it('leaves generated files alone (dist, lockfile, committed schemas)', () => {
    mkdirSync(join(tree, 'dist'));
    writeFileSync(join(tree, 'dist/main.js'), 'var   a="b"');
    writeFileSync(join(tree, 'package-lock.json'), '{"a":1}');
    expect(runStep(tree)).toMatchObject({ status: 'passed' });
  });

  it('is skipped, and says why, with SKIP_FORMAT=1 or SKIP_LINT=1', () => {
    writeFileSync(join(tree, 'src/messy.ts'), 'export const greeting = "hello"  ;\n');
    expect(runStep(tree, { SKIP_FORMAT: '1' })).toMatchObject({
      status: 'skipped',
      line: 'format: skipped (SKIP_FORMAT=1)',
    });
    expect(runStep(tree, { SKIP_LINT: '1' }).status).toBe('skipped');
  });

  it('checks only FORMAT_PATHS when given', () => {
    writeFileSync(join(tree, 'src/ok.ts'), "export const greeting = 'hello';\n");
    writeFileSync(join(tree, 'src/messy.ts'), 'export const greeting = "hello"  ;\n');
    expect(runStep(tree, { FORMAT_PATHS: 'src/ok.ts' }).status).toBe('passed');
    // explicit paths are a request for the check, even in a quick run without lint
    expect(runStep(tree, { FORMAT_PATHS: 'src/messy.ts', SKIP_LINT: '1' }).status).toBe('failed');
  });

  it.each([
    'libs/contracts/schemas/accounts.profile.v2/AccountEmailChanged.v1.schema.json',
    'libs/contracts/asyncapi.yaml',
    'package-lock.json',
    'dist/apps/web/main.js',
    'dist/e2e/web/screenshots/sign-in-360.png',
    'bench/results/store.json',
    'coverage/lcov.info',
    '.schemathesis/cache.json',
    'README.md',
  ])('the repository ignores %s', (path) => {
    expect(isIgnored(path)).toBe(true);
  });

  it.each(['apps/auth-service/src/main.ts', 'tools/test.mjs', 'docker-compose.yml', 'nx.json'])(
    'the repository checks %s',
    (path) => {
      expect(isIgnored(path)).toBe(false);
    },
  );
});
