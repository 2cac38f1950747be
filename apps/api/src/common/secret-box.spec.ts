import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';
import { generateSecret, sha256Hex } from './secrets';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips and never produces the same ciphertext twice', () => {
    const a = box.encrypt('gw-secret');
    const b = box.encrypt('gw-secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('gw-secret');
    expect(box.decrypt(a)).toBe('gw-secret');
  });

  it('refuses a tampered ciphertext or another key', () => {
    const sealed = box.encrypt('gw-secret');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => box.decrypt('v1:' + raw.toString('base64'))).toThrow();
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed)).toThrow();
  });
});

describe('generateSecret', () => {
  it('carries at least 128 random bits and is looked up by its SHA-256', () => {
    const s = generateSecret();
    expect(Buffer.from(s.slice(3), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(generateSecret()).not.toBe(s);
    expect(sha256Hex(s)).toMatch(/^[0-9a-f]{64}$/);
  });
});
