// Types of broker.cjs, for the TypeScript tests and benchmarks that start a real broker.

export interface KafkaBroker {
  /** `127.0.0.1:<port>`, the value of KAFKA_BROKERS. */
  readonly brokers: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logFile: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after `timeoutMs` (default 20 s). The data folder stays unless `removeData`. */
  stop(options?: { timeoutMs?: number; removeData?: boolean }): Promise<void>;
}

export interface StartKafkaOptions {
  /** Default: the port this data folder used before, else a free one. */
  port?: number;
  /** Default: a new temp folder. An existing folder restarts with its topics and offsets. */
  dataDir?: string;
  version?: string;
  /** JVM heap, default `512m`. */
  heap?: string;
  /** Outlive this process (the `start` command). Default false: stopped when this process goes. */
  detached?: boolean;
  readyTimeoutMs?: number;
}

export type KafkaAvailability = { ok: true } | { ok: false; reason: string };

export const DEFAULT_VERSION: string;
export function cacheRoot(): string;
export function libsDir(version?: string): string;
export function isInstalled(version?: string): boolean;
export function kafkaAvailability(): KafkaAvailability;
export function installKafka(options?: { version?: string; quiet?: boolean }): Promise<string>;
export function startKafka(options?: StartKafkaOptions): Promise<KafkaBroker>;
export function stopKafka(dataDir: string): Promise<boolean>;
export function kafkaStatus(dataDir: string): Promise<Record<string, unknown>>;
