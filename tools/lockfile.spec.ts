import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Entry = {
  version?: string;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(__dirname, '..', 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, Entry>;
};

/** Where npm looks for `name` from the package at `from`: its own node_modules, then each parent's. */
function resolveEntry(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

// `npm ci` refuses a lockfile that lacks an entry for any optional dependency in the tree, even one for
// another platform that would never be installed here. The registry here serves some of those and not
// others, and that changes from day to day: a lockfile written on a day one was missing breaks every clone.
describe('package-lock.json', () => {
  it('is lockfile version 3', () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  it('has an entry for every dependency and optional dependency of every package (what npm ci checks)', () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
        if (!resolveEntry(path, name)) missing.push(`${path || '<root>'} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('carries no Sass toolchain or webpack (a NestJS service needs neither)', () => {
    const unwanted = Object.keys(lock.packages).filter((path) =>
      /node_modules\/(sass|sass-embedded[^/]*|webpack|@nx\/webpack)$/.test(path),
    );
    expect(unwanted).toEqual([]);
  });
});
