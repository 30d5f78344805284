/**
 * A short, human label for a trusted device from its user agent: "Firefox on Windows".
 * Only for display: the list of trusted devices shows it, nothing is decided on it.
 */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/Edg(?:e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/curl\//, 'curl'],
];

const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

const MaxLabelLength = 100;

const firstMatch = (
  table: readonly (readonly [RegExp, string])[],
  userAgent: string,
): string | null => table.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;

export function deviceLabel(userAgent: string | null | undefined): string {
  if (!userAgent || !userAgent.trim()) return 'Unknown device';
  const browser = firstMatch(BROWSERS, userAgent);
  const system = firstMatch(SYSTEMS, userAgent);
  if (browser && system) return `${browser} on ${system}`;
  if (browser || system) return (browser ?? system) as string;
  return userAgent.trim().slice(0, MaxLabelLength);
}
