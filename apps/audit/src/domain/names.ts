/** What the audit index knows about ids met in events, to write them in words. */
export interface Names {
  userNameOf(accountId: string): string | undefined;
  credentialOf(
    credentialId: string,
  ): { readonly name: string | null; readonly clientId: string } | undefined;
  deviceLabelOf(deviceId: string): string | undefined;
}

export const noNames: Names = {
  userNameOf: () => undefined,
  credentialOf: () => undefined,
  deviceLabelOf: () => undefined,
};

/** `ci (aci_1234…)`, or the client id alone when the credential has no name. */
export function credentialInWords(
  names: Names,
  credentialId: string,
  fallbackClientId?: string,
): string {
  const known = names.credentialOf(credentialId);
  const clientId = known?.clientId ?? fallbackClientId;
  const name = known?.name;
  if (name && clientId) return `${name} (${clientId})`;
  return name ?? clientId ?? credentialId;
}
