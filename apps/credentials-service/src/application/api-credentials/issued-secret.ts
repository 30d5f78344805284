/** The answer of generate and regenerate: the only place a secret ever appears. */
export interface IssuedSecret {
  readonly id: string;
  readonly clientId: string;
  readonly secret: string;
  readonly name: string | null;
  readonly expiresAt: string | null;
  /** What tokens of this credential may do. */
  readonly scopes: readonly string[];
}
