import type { NotifierLogger } from '../lib/notifier-logger';

export interface LogRecord {
  readonly level: 'info' | 'warn';
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

/** A logger that keeps what it was told, so a test can read the log as an operator would. */
export function recordingLogger(): NotifierLogger & {
  readonly records: LogRecord[];
  text(): string;
} {
  const records: LogRecord[] = [];
  return {
    records,
    info: (obj, msg) => void records.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => void records.push({ level: 'warn', obj, msg }),
    text: () => records.map((r) => `${r.level} ${r.msg} ${JSON.stringify(r.obj)}`).join('\n'),
  };
}
