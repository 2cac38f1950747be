import type { CanonicalReasoning, ReasoningEffort } from '../canonical/types';

// reasoning_effort -> thinking budget (LiteLLM's defaults: low 1024, medium 2048, high 4096, xhigh 8192).
// Anthropic requires budget_tokens >= 1024.
const EFFORT_BUDGET: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 1024,
  low: 1024,
  medium: 2048,
  high: 4096,
  xhigh: 8192,
  max: 16384,
};

export function effortToBudget(effort: ReasoningEffort): number {
  return effort === 'none' ? 0 : EFFORT_BUDGET[effort];
}

export function budgetToEffort(budget: number): ReasoningEffort {
  if (budget <= 0) return 'none';
  if (budget <= 1024) return 'low';
  if (budget <= 2048) return 'medium';
  return 'high';
}

/** Thinking budget for a canonical reasoning request; 0 means reasoning off, undefined means unset. */
export function reasoningBudget(r: CanonicalReasoning | undefined): number | undefined {
  if (!r) return undefined;
  if (r.budgetTokens !== undefined) return r.budgetTokens;
  if (r.effort !== undefined) return effortToBudget(r.effort);
  return undefined;
}

/** Effort for targets with an effort knob; OpenAI accepts none..high on most models. */
export function reasoningEffort(r: CanonicalReasoning | undefined): ReasoningEffort | undefined {
  if (!r) return undefined;
  if (r.effort !== undefined) return r.effort;
  if (r.budgetTokens !== undefined) return budgetToEffort(r.budgetTokens);
  return undefined;
}

const EFFORTS = new Set<string>(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);

export function parseEffort(v: unknown): ReasoningEffort | undefined {
  return typeof v === 'string' && EFFORTS.has(v) ? (v as ReasoningEffort) : undefined;
}
