import type { KeyPrefix, LimitName } from '@gateway/contracts';

/** Labels of every per-key limit; `satisfies` fails the build when the API gains or drops one. */
const LIMIT_LABELS = {
  rpm: { label: 'Requests / minute', usd: false },
  rph: { label: 'Requests / hour', usd: false },
  rpd: { label: 'Requests / day', usd: false },
  tpm: { label: 'Tokens / minute', usd: false },
  input_tokens_per_day: { label: 'Input tokens / day', usd: false },
  output_tokens_per_day: { label: 'Output tokens / day', usd: false },
  max_tokens_per_request: { label: 'Max tokens / request', usd: false },
  budget_usd_per_day: { label: 'Budget USD / day', usd: true },
  budget_usd_per_month: { label: 'Budget USD / month', usd: true },
} as const satisfies Record<LimitName, { label: string; usd: boolean }>;

/** The limits in the order the form shows them. */
export const LIMIT_FIELDS = (Object.keys(LIMIT_LABELS) as LimitName[]).map((key) => ({
  key,
  ...LIMIT_LABELS[key],
}));

/** Prefix choices, the default first; the record makes the list follow the API's. */
const PREFIX_ORDER = { 'gw-': 0, 'sk-': 1, 'sk-ant-': 2, gm_: 3 } satisfies Record<
  KeyPrefix,
  number
>;
export const KEY_PREFIXES = (Object.keys(PREFIX_ORDER) as KeyPrefix[]).sort(
  (a, b) => PREFIX_ORDER[a] - PREFIX_ORDER[b],
);
