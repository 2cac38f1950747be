import { createHash } from 'node:crypto';

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

// Tool-call id rules: OpenAI Chat max 40 chars; Anthropic ^[a-zA-Z0-9_-]+$; Responses call_id max 64.
const ID_MAX = 40;

/**
 * Deterministic id valid for every target: invalid characters replaced, long ids shortened with a hash
 * of the original appended. Applied identically to a call id and its result id, so pairs stay matched.
 */
export function sanitizeToolCallId(id: string): string {
  if (id !== '' && id.length <= ID_MAX && /^[A-Za-z0-9_-]+$/.test(id)) return id;
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '_');
  if (cleaned !== '' && cleaned.length <= ID_MAX && cleaned === id) return cleaned;
  return `${cleaned.slice(0, ID_MAX - 9) || 'call'}_${shortHash(id)}`;
}

/** Prefix of ids the gateway minted for Gemini calls that had none; never sent back to Gemini. */
export const SYNTHETIC_ID_PREFIX = 'gcall_';

export function isSyntheticId(id: string): boolean {
  return id.startsWith(SYNTHETIC_ID_PREFIX);
}

/** Id for a Gemini call without one, unique per response (`key` = response id) and call position. */
export function syntheticToolCallId(key: string, n: number): string {
  const k = key.replace(/[^A-Za-z0-9]/g, '').slice(-20) || 'x';
  return `${SYNTHETIC_ID_PREFIX}${k}_${n}`;
}

/** A format's tool-name rule: allowed characters, length, and whether a name must start with a letter or _. */
export interface ToolNameRule {
  readonly max: number;
  readonly invalid: RegExp;
  readonly letterStart?: boolean;
}

/** A tool name valid under `rule`: unchanged when already valid, else sanitised + shortened + hashed. */
export function toolNameUnder(rule: ToolNameRule, name: string): string {
  const cleaned = name.replace(rule.invalid, '_');
  const badStart = rule.letterStart === true && !/^[A-Za-z_]/.test(name);
  if (name !== '' && cleaned === name && name.length <= rule.max && !badStart) return name;
  // A hash of the original keeps two names that clean to the same text distinct.
  const base = (badStart ? `_${cleaned}` : cleaned) || 'tool';
  return `${base.slice(0, rule.max - 9)}_${shortHash(name)}`;
}

/** Builds the per-request name map (upstream -> client) while rewriting names for the target. */
export class ToolNameMapper {
  // Null prototype: tool names are client input, and `constructor` or `__proto__` are valid names.
  readonly map: Record<string, string> = Object.create(null) as Record<string, string>;

  constructor(private readonly rule: ToolNameRule) {}

  name(clientName: string): string {
    const upstream = toolNameUnder(this.rule, clientName);
    if (upstream !== clientName) this.map[upstream] = clientName;
    return upstream;
  }
}

/** Maps an upstream tool name back to what the client declared. */
export function clientToolName(
  map: Record<string, string> | undefined,
  upstreamName: string,
): string {
  return map && Object.hasOwn(map, upstreamName) ? map[upstreamName] : upstreamName;
}
