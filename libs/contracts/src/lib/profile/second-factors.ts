/** Second factors an organization can allow (its "allowed second factors" setting). */
export const SecondFactors = ['email', 'sms', 'authenticator'] as const;
export type SecondFactor = (typeof SecondFactors)[number];
