/** Every time on the page is shown in the person's own time zone (profile setting). */
export function formatTime(
  iso: string | null | undefined,
  timeZone: string,
  locale?: string,
): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  // dateStyle cannot be combined with timeZoneName: the fields are spelled out.
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, {
      ...options,
      timeZone: 'UTC',
    }).format(date);
  }
}

export function timeZones(): string[] {
  const supported =
    (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ??
    [];
  return supported.includes('UTC') ? supported : ['UTC', ...supported];
}

/** Zones whose name or city matches every word typed ("new york", "paris", "utc"). */
export function filterTimeZones(zones: readonly string[], query: string, limit = 50): string[] {
  const words = query
    .toLowerCase()
    .replace(/_/g, ' ')
    .split(/[\s/]+/)
    .filter(Boolean);
  return zones
    .filter((zone) => words.every((word) => zone.toLowerCase().replace(/_/g, ' ').includes(word)))
    .slice(0, limit);
}
