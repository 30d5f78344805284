import { NotifierConfigError } from './notifier-config-error';

/** One variable: how to read it and how the README describes it. */
interface VariableSpec<T> {
  readonly description: string;
  /** What a valid value looks like, for the error message and the README. */
  readonly expected: string;
  readonly default?: T;
  readonly secret?: boolean;
  /** The typed value, or undefined when `raw` is not valid. */
  read(raw: string): T | undefined;
}

const choice = <const V extends readonly string[]>(values: V) => ({
  expected: `one of ${values.join(', ')}`,
  read: (raw: string) => values.find((v) => v === raw.toLowerCase()) as V[number] | undefined,
});
const integer = (min: number, max: number) => ({
  expected: `an integer from ${min} to ${max}`,
  read: (raw: string) => (/^\d+$/.test(raw) && +raw >= min && +raw <= max ? +raw : undefined),
});
const FLAGS: Readonly<Record<string, boolean>> = {
  true: true,
  '1': true,
  yes: true,
  false: false,
  '0': false,
  no: false,
};
const flag = { expected: 'true or false', read: (raw: string) => FLAGS[raw.toLowerCase()] };
const text = { expected: 'a non-empty string', read: (raw: string) => raw };
const urlOf = (...schemes: string[]) => ({
  expected: `a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
  read: (raw: string) =>
    schemes.some((s) => raw.toLowerCase().startsWith(`${s}://`)) && URL.canParse(raw)
      ? raw
      : undefined,
});

/** Every variable the notifiers read, in README order. */
const variables = {
  NOTIFIER_EMAIL: {
    ...choice(['outbox', 'smtp'] as const),
    default: 'outbox' as 'outbox' | 'smtp',
    description: 'How emails leave: outbox (dev outbox: file + log, development only) or smtp',
  },
  NOTIFIER_SMS: {
    ...choice(['outbox', 'http'] as const),
    default: 'outbox' as 'outbox' | 'http',
    description: 'How SMS leave: outbox (dev outbox, development only) or http (SMS gateway)',
  },
  SMTP_URL: {
    ...urlOf('smtp', 'smtps'),
    secret: true,
    description:
      'SMTP server as smtp://user:pass@host:587 or smtps://…:465; wins over SMTP_HOST and the rest',
  },
  SMTP_HOST: { ...text, description: 'SMTP server host, when SMTP_URL is not set' },
  SMTP_PORT: {
    ...integer(1, 65535),
    description: 'SMTP port; default 465 with SMTP_SECURE=true, else 587',
  },
  SMTP_SECURE: {
    ...flag,
    default: false,
    description: 'TLS from the first byte (port 465); false uses STARTTLS when offered',
  },
  SMTP_USER: { ...text, description: 'SMTP user name, when the server wants authentication' },
  SMTP_PASS: { ...text, secret: true, description: 'SMTP password' },
  SMTP_FROM: {
    ...text,
    description:
      'From header of every email, e.g. "Accounts <no-reply@example.com>"; required with smtp',
  },
  SMTP_TIMEOUT_MS: {
    ...integer(100, 600_000),
    default: 10_000,
    description: 'Connect and reply timeout of one SMTP attempt',
  },
  SMS_GATEWAY_URL: {
    ...urlOf('http', 'https'),
    description:
      'SMS gateway endpoint that takes POST {"to","text"} as JSON; required with NOTIFIER_SMS=http',
  },
  SMS_GATEWAY_TOKEN: { ...text, secret: true, description: 'Bearer token sent to the SMS gateway' },
  SMS_GATEWAY_TIMEOUT_MS: {
    ...integer(100, 600_000),
    default: 10_000,
    description: 'Timeout of one SMS gateway request',
  },
  NOTIFIER_MAX_ATTEMPTS: {
    ...integer(1, 10),
    default: 4,
    description: 'Attempts per message before it counts as failed',
  },
  NOTIFIER_RETRY_BASE_MS: {
    ...integer(0, 60_000),
    default: 500,
    description: 'Wait before the first retry; doubles each time (with jitter), at most 8 s',
  },
} satisfies Record<string, VariableSpec<unknown>>;

type Variables = typeof variables;
type ValueOf<V> = V extends { read(raw: string): infer T | undefined } ? T : never;

/** The notifier settings, keyed by variable name; unset optional ones are undefined. */
export type NotifierConfig = {
  readonly [K in keyof Variables]: Variables[K] extends { default: unknown }
    ? ValueOf<Variables[K]>
    : ValueOf<Variables[K]> | undefined;
};

/** One README row; the same fields as service-kit's ConfigVarDescription, plus `secret`. */
export interface NotifierConfigVariable {
  readonly name: keyof NotifierConfig;
  readonly description: string;
  readonly expected: string;
  readonly required: false;
  readonly default?: string;
  readonly secret: boolean;
}

export const notifierConfigVariables: readonly NotifierConfigVariable[] = Object.entries(
  variables,
).map(([name, spec]: [string, VariableSpec<unknown>]) => ({
  name: name as keyof NotifierConfig,
  description: spec.description,
  expected: spec.expected,
  required: false,
  ...(spec.default !== undefined && { default: String(spec.default) }),
  secret: spec.secret ?? false,
}));

/**
 * Reads and checks the notifier variables, the ones a chosen channel needs included. An empty
 * value counts as unset. Throws a NotifierConfigError naming every problem; secrets are not repeated.
 */
export function readNotifierConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): NotifierConfig {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(variables) as [string, VariableSpec<unknown>][]) {
    const raw = env[name]?.trim();
    const value = raw ? spec.read(raw) : spec.default;
    if (raw && value === undefined) {
      problems.push(
        `${name}: expected ${spec.expected}, ${spec.secret ? '(value hidden: secret)' : `got "${raw}"`}`,
      );
    }
    config[name] = value;
  }
  const result = config as NotifierConfig;
  if (problems.length === 0)
    problems.push(...missingForChannels(result), ...outboxRefusedInProduction(result, env));
  if (problems.length > 0) throw new NotifierConfigError(problems);
  return result;
}

/**
 * The dev outbox keeps every message (activation links, codes) in a file and serves it over HTTP
 * without authentication: never in production, which is NODE_ENV=production or EventStoreDB.
 */
export function outboxRefusedInProduction(
  config: Pick<NotifierConfig, 'NOTIFIER_EMAIL' | 'NOTIFIER_SMS'>,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const production =
    env['NODE_ENV']?.trim() === 'production' ||
    Boolean(env['EVENTSTORE_CONNECTION_STRING']?.trim());
  if (!production) return [];
  const why =
    env['NODE_ENV']?.trim() === 'production'
      ? 'NODE_ENV=production'
      : 'EVENTSTORE_CONNECTION_STRING is set';
  const refused: string[] = [];
  if (config.NOTIFIER_EMAIL === 'outbox')
    refused.push(`NOTIFIER_EMAIL: outbox is for development only (${why}); set smtp`);
  if (config.NOTIFIER_SMS === 'outbox')
    refused.push(`NOTIFIER_SMS: outbox is for development only (${why}); set http`);
  return refused;
}

/** What the chosen channels cannot work without. */
export function missingForChannels(config: NotifierConfig): string[] {
  const missing: string[] = [];
  if (config.NOTIFIER_EMAIL === 'smtp') {
    if (!config.SMTP_URL && !config.SMTP_HOST)
      missing.push('SMTP_URL or SMTP_HOST: missing; NOTIFIER_EMAIL=smtp needs a server');
    if (!config.SMTP_FROM)
      missing.push('SMTP_FROM: missing; NOTIFIER_EMAIL=smtp needs a From address');
  }
  if (config.NOTIFIER_SMS === 'http' && !config.SMS_GATEWAY_URL) {
    missing.push('SMS_GATEWAY_URL: missing; NOTIFIER_SMS=http needs the gateway endpoint');
  }
  return missing;
}
