import { generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30 s. */
export const newTotpSecret = (): string => generateSecret();

export const totpUri = (issuer: string, label: string, secret: string): string =>
  generateURI({ issuer, label, secret });

export const qrCodeDataUrl = (uri: string): Promise<string> =>
  toDataURL(uri, { type: 'image/png', margin: 1 });

/** ±1 step (30 s either side) for clock drift; the step matched is returned for replay protection. */
export async function checkTotp(
  secret: string,
  code: string,
  now: Date,
): Promise<{ valid: boolean; timeStep: number }> {
  if (!/^\d{6}$/.test(code)) return { valid: false, timeStep: 0 };
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token: code, epoch, epochTolerance: 30 });
  // The step the code belongs to: current step plus the drift it matched at.
  return result.valid
    ? { valid: true, timeStep: Math.floor(epoch / 30) + result.delta }
    : { valid: false, timeStep: 0 };
}
