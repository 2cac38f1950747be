// Field names whose values never enter the audit log, whatever module hands them over.
const SECRET_FIELD =
  /^(api_?key|secret|password|password_?hash|token|invite_?token|key|authorization|proxy_?url|.*_ciphertext|.*_secret|.*_token)$/i;

export const REDACTED = '[redacted]';

/**
 * A copy of audit details without secrets: every field named like a secret (api_key, secret,
 * password, token, proxy_url, …) is replaced by `[redacted]`, at any depth. Services already pass
 * only public shapes (`key_last4`, masked proxy URLs); this is the net under them.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 16 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_FIELD.test(k) && v !== null ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out;
}
