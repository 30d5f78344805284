import { formatInTimeZone } from '../../domain';

export interface Timestamps {
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Each instant in UTC and in the caller's time zone: `createdAt` and `createdAtLocal`. */
export interface LocalTimestamps extends Timestamps {
  readonly createdAtLocal: string;
  readonly updatedAtLocal: string;
}

export function inTimeZone(times: Timestamps, timeZone: string): LocalTimestamps {
  return {
    createdAt: times.createdAt,
    createdAtLocal: formatInTimeZone(times.createdAt, timeZone),
    updatedAt: times.updatedAt,
    updatedAtLocal: formatInTimeZone(times.updatedAt, timeZone),
  };
}
