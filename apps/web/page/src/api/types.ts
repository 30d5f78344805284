/** The shapes of the answers the page reads (DESIGN.md, README walkthrough). */
export interface Account {
  readonly id: string;
  readonly orgId: string;
  readonly userName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly mobilePhone: string | null;
  readonly timeZone: string;
  readonly sessionTimeout: string;
  readonly accountType: string;
  readonly groupRestriction: { kind: 'all' } | { kind: 'groups'; groups: string[] };
  readonly enabled: boolean;
  /** A new address waiting for the link mailed to it; until then codes go to `email`. */
  readonly pendingEmail: PendingEmail | null;
}

export interface PendingEmail {
  readonly email: string;
  /** ISO-8601 UTC. */
  readonly expiresAt: string;
  /** The same instant in the person's time zone. */
  readonly expiresAtLocal: string;
}

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly twoFactorRequired: boolean;
  readonly emailEditableByUsers: boolean;
  readonly allowedSecondFactors: readonly string[];
}

export interface Session {
  readonly id: string;
  readonly device: string | null;
  readonly ip: string | null;
  readonly startedAt: string;
  readonly lastActiveAt: string;
  readonly current: boolean;
}

export interface TrustedDevice {
  readonly id: string;
  readonly device?: string | null;
  readonly label?: string | null;
  readonly ip?: string | null;
  readonly firstUsedAt?: string | null;
  readonly lastUsedAt?: string | null;
  readonly trustedAt?: string | null;
  readonly expiresAt?: string | null;
  readonly current?: boolean;
}

export interface ApiCredential {
  readonly id: string;
  readonly name: string | null;
  readonly clientId: string;
  readonly status: string;
  readonly createdAt: string;
  readonly lastRegeneratedAt: string | null;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly scopes?: readonly string[];
}

export interface IssuedSecret {
  readonly id: string;
  readonly clientId: string;
  readonly secret: string;
  readonly name: string | null;
}

export interface Enrollment {
  readonly otpauthUri: string;
  readonly secret: string;
  readonly qrCode: string;
  readonly pendingMethod: string;
}

export interface ActivityItem {
  readonly id?: string;
  readonly eventId?: string;
  readonly at?: string;
  readonly occurredAt?: string;
  readonly type?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly actor?: string | { kind: string };
  readonly ip?: string | null;
}

export interface DirectoryItem {
  readonly id: string;
  readonly userName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly accountType: string;
  readonly enabled: boolean;
}
