import { z } from 'zod';
import { STRATEGY_NAMES } from '@gateway/routing';

const ms = (max: number) => z.number().int().min(0).max(max);
const modelName = z.string().trim().min(1).max(200);

/** `PUT /gateway/:id/routing`: every field optional; omitted ones keep their current value. */
export const RoutingSettingsDto = z
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
export type RoutingSettingsDto = z.infer<typeof RoutingSettingsDto>;
