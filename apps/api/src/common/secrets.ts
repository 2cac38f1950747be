import { createHash, randomBytes } from 'node:crypto';

/** 192 random bits, URL-safe, with a recognisable prefix so leaked secrets are easy to scan for. */
export function generateSecret(prefix = 'gw-'): string {
  return prefix + randomBytes(24).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
