import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * The environment with `.env` (when the file exists) underneath it: a variable already set in the real
 * environment wins over the file, as with Node's own `--env-file`. Never throws for a missing file.
 */
export function withDotEnv(
  env: Record<string, string | undefined>,
  path = '.env',
): Record<string, string | undefined> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return env;
    throw err;
  }
  return { ...parseEnv(text), ...definedOnly(env) };
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
