import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nx from '@nx/eslint-plugin';

const workspaceRoot = dirname(fileURLToPath(import.meta.url));

// Path-specific blocks below set basePath to the workspace root: project configs re-export this file, and
// their own folder would otherwise be the base of every `files` pattern.

// Projects and their tags, read from project.json so that rules follow tags, not hard-coded folders.
const projects = ['apps', 'libs'].flatMap((dir) =>
  existsSync(join(workspaceRoot, dir))
    ? readdirSync(join(workspaceRoot, dir))
        .map((name) => `${dir}/${name}`)
        .filter((root) => existsSync(join(workspaceRoot, root, 'project.json')))
        .map((root) => {
          const project = JSON.parse(
            readFileSync(join(workspaceRoot, root, 'project.json'), 'utf8'),
          );
          return { root, name: project.name, tags: project.tags ?? [] };
        })
    : [],
);
const rootsTagged = (tag) => projects.filter((p) => p.tags.includes(tag)).map((p) => p.root);
// Every lib is imported as @accounts/<project name> (tsconfig.base.json paths).
const aliasesTagged = (tag) =>
  projects.filter((p) => p.tags.includes(tag)).map((p) => `@accounts/${p.name}`);

const testFiles = ['**/*.spec.ts', '**/*.test.ts', '**/*.e2e-spec.ts', '**/jest.config.*'];

const testingOnlyInTests = {
  name: '@accounts/testing',
  message: 'Test helpers belong in *.spec.ts files, never in code that ships.',
};

// Domain code may import only these (plus relative files of the same domain folder).
const domainAllowedImports = [
  '@accounts/contracts',
  '@accounts/event-sourcing',
  'libphonenumber-js',
];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const domainAllowed = domainAllowedImports.map((name) => `${escape(name)}(/.*)?$`).join('|');
const domainMessage =
  'Domain code is pure: no framework, no I/O, no clock or randomness (time and ids come through the command ' +
  `context). Allowed imports: ${domainAllowedImports.join(', ')} and relative domain files.`;

// The stream prefixes of libs/contracts (profile, authentication, credentials), as names without the dash.
const streamPrefixNames = [
  'account',
  'organization',
  'username',
  'authenticator',
  'signin',
  'signinguard',
  'session',
  'apicredentials',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/coverage', '**/.nx', '**/node_modules'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          // A project must satisfy every constraint whose tag it carries; an untagged project may import no lib.
          depConstraints: [
            // Layers. Nx itself forbids importing an app from anywhere.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:domain',
                'type:util',
                'type:contracts',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:domain',
                'type:util',
                'type:contracts',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:util',
                'type:contracts',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:util',
                'type:contracts',
                'type:testing',
              ],
            },
            // util may also see data-access, but only its types: see the type-only rule below.
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: [
                'type:util',
                'type:contracts',
                'type:data-access',
                'type:testing',
              ],
            },
            // What other teams import depends on nothing.
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [
                'type:testing',
                'type:feature',
                'type:data-access',
                'type:domain',
                'type:util',
                'type:contracts',
              ],
            },
            // Scopes: a service reaches another service only through shared contracts.
            {
              sourceTag: 'scope:profile',
              onlyDependOnLibsWithTags: ['scope:profile', 'scope:shared'],
            },
            {
              sourceTag: 'scope:auth',
              onlyDependOnLibsWithTags: ['scope:auth', 'scope:shared'],
            },
            {
              sourceTag: 'scope:credentials',
              onlyDependOnLibsWithTags: ['scope:credentials', 'scope:shared'],
            },
            {
              sourceTag: 'scope:audit',
              onlyDependOnLibsWithTags: ['scope:audit', 'scope:shared'],
            },
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.ts',
      '**/*.tsx',
      '**/*.cts',
      '**/*.mts',
      '**/*.js',
      '**/*.jsx',
      '**/*.cjs',
      '**/*.mjs',
    ],
    rules: {},
  },
  // Code that ships never imports test helpers.
  {
    basePath: workspaceRoot,
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: [...testFiles, ...rootsTagged('type:testing').map((root) => `${root}/**`)],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [testingOnlyInTests] }],
    },
  },
  // util libs may name data-access types (e.g. the EventStore port) but must not load an adapter at run time.
  ...(rootsTagged('type:util').length === 0
    ? []
    : [
        {
          basePath: workspaceRoot,
          files: rootsTagged('type:util').map((root) => `${root}/**/*.ts`),
          ignores: testFiles,
          rules: {
            '@typescript-eslint/no-restricted-imports': [
              'error',
              {
                paths: [
                  testingOnlyInTests,
                  ...aliasesTagged('type:data-access').map((name) => ({
                    name,
                    allowTypeImports: true,
                    message:
                      'A util lib may import only types from a data-access lib: use `import type`.',
                  })),
                ],
              },
            ],
          },
        },
      ]),
  // Domain code (apps/*/src/domain) is deterministic and free of I/O; tests next to it may use anything.
  {
    basePath: workspaceRoot,
    files: ['apps/*/src/domain/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(?!\\.\\.?(/|$)|${domainAllowed})`,
              message: domainMessage,
            },
            // A relative path out of domain/ into another layer is I/O by the back door.
            {
              regex:
                '^\\.\\.?/(.*/)?(application|http|projections|messaging|infrastructure|adapters)(/|$)',
              message: domainMessage,
            },
          ],
        },
      ],
    },
  },
  // A stream id prefix is written once, in libs/contracts; everything else names the constant.
  {
    basePath: workspaceRoot,
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts'],
    ignores: [
      ...testFiles,
      'libs/contracts/**',
      'apps/*/src/testing/**',
      '**/src/test/**',
      ...rootsTagged('type:testing').map((root) => `${root}/**`),
      // Its apply function (owned by the account_index speed work) still names 'username-': next change there.
      'apps/audit/src/projections/account-index.projection.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `Literal[value=/^(${streamPrefixNames.join('|')})-$/]`,
          message:
            'Stream prefixes come from @accounts/contracts: ProfileStreamPrefixes, AuthenticationStreamPrefixes, ApiCredentialsStreamPrefix.',
        },
      ],
    },
  },
];
