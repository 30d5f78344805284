import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

interface Snippet {
  path: string;
  code: string;
}
interface Problem {
  ruleId: string | null;
  line: number;
  severity: number;
}

// ESLint loads its flat config through a dynamic import, which jest's module sandbox refuses: lint in a child.
const lintScript = `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
const snippets = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { path, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath: join(process.cwd(), path) });
  out.push(result.messages.map(({ ruleId, line, severity }) => ({ ruleId, line, severity })));
}
process.stdout.write(JSON.stringify(out));
`;

function lintAll(snippets: Snippet[]): Problem[][] {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', lintScript], {
    cwd: root,
    input: JSON.stringify(snippets),
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  return JSON.parse(output);
}

const errorLines = (problems: Problem[], ruleId: string) =>
  problems.filter((p) => p.severity === 2 && p.ruleId === ruleId).map((p) => p.line);
const errors = (problems: Problem[]) => problems.filter((p) => p.severity === 2);

const domainWithIo = [
  "import { readFileSync } from 'node:fs';",
  "import { Injectable } from '@nestjs/common';",
  "import type { EventStore } from '@accounts/event-store';",
  "import Database from 'better-sqlite3';",
  "import { Kafka } from 'kafkajs';",
  "import { createServer } from 'http';",
  "import { randomUUID } from 'crypto';",
  "import { v4 } from 'uuid';",
  "import { handle } from '../application/handle-command';",
  'export const all = [readFileSync, Injectable, Database, Kafka, createServer, randomUUID, v4, handle];',
  'export type Store = EventStore;',
].join('\n');

const pureDomain = [
  "import type { EventEnvelope } from '@accounts/contracts';",
  "import { DomainError } from '@accounts/event-sourcing';",
  "import { parsePhoneNumberWithError } from 'libphonenumber-js/max';",
  "import { initialState } from './state';",
  "import { AccountEvent } from '../account/events';",
  'export const all = [DomainError, parsePhoneNumberWithError, initialState];',
  'export type Both = [EventEnvelope, AccountEvent];',
].join('\n');

describe('workspace lint rules', () => {
  let results: Problem[][];

  beforeAll(() => {
    results = lintAll([
      {
        path: 'apps/profile-service/src/domain/account/decide.ts',
        code: domainWithIo,
      },
      {
        path: 'apps/auth-service/src/domain/authenticator/decide.ts',
        code: pureDomain,
      },
      {
        path: 'apps/profile-service/src/domain/account/decide.spec.ts',
        code: "import { randomUUID } from 'node:crypto';\nimport { DeciderSpecification } from '@accounts/testing';\nexport const all = [randomUUID, DeciderSpecification];\n",
      },
      {
        path: 'libs/event-sourcing/src/lib/handle-command.ts',
        code: "import type { EventStore } from '@accounts/event-store';\nimport { SqliteEventStore } from '@accounts/event-store';\nexport const all: [unknown, EventStore?] = [SqliteEventStore];\n",
      },
      {
        path: 'libs/contracts/src/lib/uses-runtime.ts',
        code: "import { DomainError } from '@accounts/event-sourcing';\nexport const all = [DomainError];\n",
      },
      {
        path: 'apps/credentials-service/src/app/wiring.ts',
        code: "import { DeciderSpecification } from '@accounts/testing';\nexport const all = [DeciderSpecification];\n",
      },
      {
        path: 'apps/auth-service/src/notices/some-queue.projection.ts',
        code: [
          "import { ProfileStreamPrefixes } from '@accounts/contracts';",
          "export const prefixes = ['account-', ProfileStreamPrefixes.organization];",
          "export const isSession = (id: string) => id.startsWith('session-');",
          "export const note = 'account-holder';",
        ].join('\n'),
      },
    ]);
  }, 120_000);

  it('rejects every framework, I/O, clock or randomness import in domain code', () => {
    expect(errorLines(results[0], 'no-restricted-imports')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets domain code import contracts, event-sourcing, libphonenumber-js and its own files', () => {
    expect(errors(results[1])).toEqual([]);
  });

  it('lets a domain test use test helpers and Node modules', () => {
    expect(errors(results[2])).toEqual([]);
  });

  it('lets a util lib import data-access types but not data-access code', () => {
    expect(errorLines(results[3], '@typescript-eslint/no-restricted-imports')).toEqual([2]);
    expect(errors(results[3])).toHaveLength(1);
  });

  it('keeps contracts free of dependencies on other libs', () => {
    expect(errorLines(results[4], '@nx/enforce-module-boundaries')).toEqual([1]);
  });

  it('keeps test helpers out of code that ships', () => {
    expect(errorLines(results[5], '@typescript-eslint/no-restricted-imports')).toEqual([1]);
  });

  it('refuses a stream prefix written as a literal outside libs/contracts', () => {
    expect(errorLines(results[6], 'no-restricted-syntax')).toEqual([2, 3]);
    expect(errors(results[6])).toHaveLength(2);
  });
});
