import { z } from 'zod';

export const CHECK_NAMES = ['postgres', 'analytics', 'redis'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];
const checkStatus = z.enum(['ok', 'down']);
export type CheckStatus = z.infer<typeof checkStatus>;

/** `GET /health`: liveness; 200 while the process serves, whatever its dependencies do. */
export const Liveness = z
  .object({
    status: z.literal('ok'),
    uptime_s: z.number().int(),
    database: checkStatus.describe(
      'the same bounded Postgres check as /ready; informational, never turns liveness into a 5xx',
    ),
  })
  .meta({ id: 'Liveness' });
export type Liveness = z.infer<typeof Liveness>;

/** `GET /ready`: readiness; 503 while a dependency this replica needs is down. */
export const Readiness = z
  .object({
    status: checkStatus,
    checks: z
      .partialRecord(z.enum(CHECK_NAMES), checkStatus)
      .describe('`redis` only when REDIS_URL is set; each check bounded by 1.5 s'),
    details: z.object({
      analytics: z.object({
        spooled_batches: z
          .number()
          .int()
          .describe('batches waiting on disk for the store (they replay on their own)'),
        spooled_rows: z.number().int(),
        dead_lettered: z
          .number()
          .int()
          .describe(
            'rows the store rejected as malformed since this process started (in DATA_DIR/spool/dead-letter)',
          ),
      }),
    }),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof Readiness>;
