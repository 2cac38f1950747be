import type { KeyEntity, KeyLimits } from './key.entity';

/** An authenticated gateway key, as held in memory. */
export interface CallerKey {
  id: string;
  gatewayId: string;
  name: string;
  enabled: boolean;
  /** Epoch ms, or null for never. */
  expiresAt: number | null;
  allowedModels: string[];
  allowedProviders: string[];
  allowedTools: string[];
  limits: KeyLimits;
  systemPrompt: string | null;
}

export function toCallerKey(k: KeyEntity): CallerKey {
  return {
    id: k.id,
    gatewayId: k.gatewayId,
    name: k.name,
    enabled: k.enabled,
    expiresAt: k.expiresAt ? k.expiresAt.getTime() : null,
    allowedModels: k.allowedModels,
    allowedProviders: k.allowedProviders,
    allowedTools: k.allowedTools,
    limits: k.limits,
    systemPrompt: k.systemPrompt,
  };
}

/** Whether limits need a request's prompt size: tokens per minute, input token quotas and budgets do. */
export function reservesInputTokens(l: KeyLimits): boolean {
  return (
    l.tpm != null ||
    l.input_tokens_per_day != null ||
    l.budget_usd_per_day != null ||
    l.budget_usd_per_month != null
  );
}

/** `gpt-4o*` style patterns: `*` at the end matches any suffix; case-insensitive. */
export function matchesAny(patterns: readonly string[], ...names: string[]): boolean {
  if (patterns.length === 0) return true;
  const lowered = names.map((n) => n.toLowerCase());
  return patterns.some((raw) => {
    const p = raw.toLowerCase();
    return p.endsWith('*')
      ? lowered.some((n) => n.startsWith(p.slice(0, -1)))
      : lowered.includes(p);
  });
}
