import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';

/** What every authenticator app understands (RFC 6238 defaults; some apps ignore other periods). */
export const TOTP_ISSUER = 'Hearth';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ALGORITHM = 'SHA1';
/** Codes of one step either side of now are accepted: phones' clocks drift, and people type slowly. */
const TOTP_WINDOW = 1;

/** 160 random bits (RFC 4226's recommended length), base32 as the apps expect. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totpOf = (secret: string, accountName: string) =>
  new TOTP({
    issuer: TOTP_ISSUER,
    label: accountName,
    secret: Secret.fromBase32(secret),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });

export const totpUri = (secret: string, accountName: string): string =>
  totpOf(secret, accountName).toString();

/** The URI as a QR code (SVG), for the set-up page; the secret is shown in text beside it too. */
export const totpQrSvg = (uri: string): Promise<string> =>
  QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

/** The time step `code` belongs to when it is right within the window around `at`; null when it is not. */
export function totpStepOf(secret: string, code: string, at: Date): number | null {
  const timestamp = at.getTime();
  const delta = totpOf(secret, '').validate({ token: code, timestamp, window: TOTP_WINDOW });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp }) + delta;
}
