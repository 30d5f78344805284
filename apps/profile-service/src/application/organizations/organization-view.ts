import type { SecondFactor } from '@accounts/contracts';
import type { Organization } from '../../domain';
import { inTimeZone, type LocalTimestamps, type Timestamps } from '../shared/local-times';

/** The company settings members read. */
export interface OrganizationView extends LocalTimestamps {
  readonly id: string;
  readonly name: string;
  readonly twoFactorRequired: boolean;
  readonly emailEditableByUsers: boolean;
  readonly allowedSecondFactors: readonly SecondFactor[];
}

export function toOrganizationView(
  org: Organization,
  times: Timestamps,
  callerTimeZone: string,
): OrganizationView {
  return {
    id: org.orgId,
    name: org.name,
    twoFactorRequired: org.twoFactorRequired,
    emailEditableByUsers: org.emailEditableByUsers,
    allowedSecondFactors: org.allowedSecondFactors,
    ...inTimeZone(times, callerTimeZone),
  };
}
