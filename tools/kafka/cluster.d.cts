// Types of cluster.cjs, for the cluster fault tests.

export interface KafkaNode {
  readonly nodeId: number;
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly address: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly pid: number | undefined;
  alive(): boolean;
  /** Starts the JVM again on the same port and data (returns at once; use the cluster's waitUntilReady). */
  start(): void;
  /** SIGKILL. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 20 s. */
  stop(): Promise<void>;
}

export interface KafkaCluster {
  /** Every node's address, comma separated (KAFKA_BROKERS). */
  readonly brokers: string;
  readonly nodes: readonly KafkaNode[];
  readonly dataDir: string;
  waitUntilReady(expected?: number, timeoutMs?: number): Promise<void>;
  /** Stops every node; removes the data unless `removeData: false`. */
  stop(options?: { removeData?: boolean }): Promise<void>;
}

export interface StartKafkaClusterOptions {
  /** Default 3. */
  size?: number;
  /** JVM heap per node, default `384m`. */
  heap?: string;
  dataDir?: string;
  readyTimeoutMs?: number;
}

export function startKafkaCluster(options?: StartKafkaClusterOptions): Promise<KafkaCluster>;
