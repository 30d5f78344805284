import { GroupRestriction } from '@accounts/contracts';
import { invalid } from '@accounts/event-sourcing';

const MAX_GROUP_NAME = 100;

function fail(): never {
  throw invalid(
    'groupRestriction',
    'PROFILE-group-restriction-invalid',
    `groupRestriction must be { kind: "all" } or { kind: "groups", groups: [...] } with at least one group name of 1 to ${MAX_GROUP_NAME} characters`,
  );
}

/** "All groups" or a non-empty list of group names, trimmed, without duplicates, sorted. */
export function parseGroupRestriction(raw: unknown): GroupRestriction {
  const value = raw as { kind?: unknown; groups?: unknown } | null;
  if (value?.kind === 'all') return { kind: 'all' };
  if (value?.kind !== 'groups' || !Array.isArray(value.groups) || value.groups.length === 0) fail();
  const groups = (value.groups as unknown[]).map((group) =>
    typeof group === 'string' ? group.trim() : '',
  );
  if (groups.some((group) => group.length === 0 || group.length > MAX_GROUP_NAME)) fail();
  return { kind: 'groups', groups: [...new Set(groups)].sort() };
}

export function sameGroupRestriction(a: GroupRestriction, b: GroupRestriction): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
