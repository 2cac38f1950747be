import { z } from 'zod';

/** Route strategies a gateway can use (the planner's names in `@gateway/routing`). */
export const STRATEGY_NAMES = ['priority', 'round_robin', 'least_latency', 'health_first'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

const ms = (max: number) => z.number().int().min(0).max(max);
const modelName = z.string().trim().min(1).max(200);

/** `PUT /gateway/:id/routing`: every field optional; omitted ones keep their current value. */
export const RoutingSettingsBody = z
  .object({
    strategy: z.enum(STRATEGY_NAMES),
    high_availability: z.boolean(),
    model_fallbacks: z
      .record(modelName, z.array(modelName).max(10))
      .refine((r) => Object.keys(r).length <= 200, 'at most 200 models'),
    deadline_ms: z.number().int().min(1_000).max(3_600_000),
    retry: z
      .object({
        max_retries: z.number().int().min(0).max(10),
        base_ms: ms(60_000),
        max_ms: ms(300_000),
      })
      .partial()
      .strict(),
    breaker: z
      .object({
        failure_threshold: z.number().int().min(1).max(1_000),
        window_ms: z.number().int().min(1_000).max(3_600_000),
        cooldown_ms: z.number().int().min(100).max(3_600_000),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type RoutingSettingsBody = z.infer<typeof RoutingSettingsBody>;

/** Per-gateway routing settings, as `GET` and `PUT /gateway/:id/routing` answer them. */
export interface RoutingSettings {
  strategy: StrategyName;
  high_availability: boolean;
  /** Requested model → models to try next, in order (they may belong to other API families). */
  model_fallbacks: Record<string, string[]>;
  /** Overall time budget of one request across all attempts. */
  deadline_ms: number;
  retry: { max_retries: number; base_ms: number; max_ms: number };
  breaker: { failure_threshold: number; window_ms: number; cooldown_ms: number };
}
