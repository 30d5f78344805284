import type { OrganizationEvent } from '@accounts/contracts';
import { invalid } from '@accounts/event-sourcing';
import { parseIfGiven } from '../shared/parse-if-given';
import { parseBooleanSetting } from '../values/boolean-setting';
import { parseOrganizationName } from '../values/organization-name';
import { parseSecondFactors, sameSecondFactors } from '../values/second-factors';
import { organizationAdministeredBy } from './organization-access';
import type { ChangeOrganizationSettings } from './organization-commands';
import type { OrganizationState } from './organization-state';

/** One event per changed setting, in a fixed order; nothing when every given value is the current one. */
export function decideOrganizationSettings(
  command: ChangeOrganizationSettings,
  state: OrganizationState,
): OrganizationEvent[] {
  const org = organizationAdministeredBy(state, command.data.actor);
  const { orgId } = org;
  const given = command.data;
  const name = parseIfGiven(given.name, parseOrganizationName, org.name);
  const twoFactorRequired = parseIfGiven(
    given.twoFactorRequired,
    (raw) => parseBooleanSetting(raw, 'twoFactorRequired'),
    org.twoFactorRequired,
  );
  const emailEditableByUsers = parseIfGiven(
    given.emailEditableByUsers,
    (raw) => parseBooleanSetting(raw, 'emailEditableByUsers'),
    org.emailEditableByUsers,
  );
  const factors = parseIfGiven(
    given.allowedSecondFactors,
    parseSecondFactors,
    org.allowedSecondFactors,
  );
  if (twoFactorRequired && factors.length === 0) {
    throw invalid(
      'allowedSecondFactors',
      'PROFILE-org-second-factor-required',
      'allowedSecondFactors must allow at least one second factor while two-factor is required for all users',
    );
  }

  const events: OrganizationEvent[] = [];
  if (name !== org.name) {
    events.push({
      type: 'OrganizationRenamed',
      data: { orgId, from: org.name, to: name },
    });
  }
  if (twoFactorRequired !== org.twoFactorRequired) {
    events.push({
      type: 'OrganizationTwoFactorRequirementChanged',
      data: { orgId, from: org.twoFactorRequired, to: twoFactorRequired },
    });
  }
  if (emailEditableByUsers !== org.emailEditableByUsers) {
    events.push({
      type: 'OrganizationEmailEditingChanged',
      data: { orgId, from: org.emailEditableByUsers, to: emailEditableByUsers },
    });
  }
  if (!sameSecondFactors(factors, org.allowedSecondFactors)) {
    events.push({
      type: 'OrganizationAllowedSecondFactorsChanged',
      data: { orgId, from: org.allowedSecondFactors, to: factors },
    });
  }
  return events;
}
