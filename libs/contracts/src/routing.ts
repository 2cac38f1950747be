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
  .strict()
  .meta({
    id: 'RoutingSettingsBody',
    description: 'Every field optional; omitted ones keep their current value.',
  });
export type RoutingSettingsBody = z.infer<typeof RoutingSettingsBody>;

/** Per-gateway routing settings, as `GET` and `PUT /gateway/:id/routing` answer them. */
export const RoutingSettings = z
  .object({
    strategy: z.enum(STRATEGY_NAMES),
    high_availability: z.boolean(),
    model_fallbacks: z
      .record(z.string(), z.array(z.string()))
      .describe(
        'requested model → models to try next, in order (they may belong to other API families)',
      ),
    deadline_ms: z
      .number()
      .int()
      .describe('overall time budget of one request across all attempts'),
    retry: z.object({
      max_retries: z.number().int(),
      base_ms: z.number().int(),
      max_ms: z.number().int(),
    }),
    breaker: z.object({
      failure_threshold: z.number().int(),
      window_ms: z.number().int(),
      cooldown_ms: z.number().int(),
    }),
  })
  .meta({ id: 'RoutingSettings' });
export type RoutingSettings = z.infer<typeof RoutingSettings>;
