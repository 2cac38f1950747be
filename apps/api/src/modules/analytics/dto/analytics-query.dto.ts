import { z } from 'zod';
import { EARLIEST_MS, LATEST_MS } from '@gateway/analytics';

// Dates outside what the store can hold (1970, year -271821, +275760) are the caller's 400.
const isoDate = z
  .string()
  .max(64)
  .refine((s) => {
    const ms = Date.parse(s);
    return ms >= EARLIEST_MS && ms < LATEST_MS;
  }, 'must be an ISO 8601 date from 2000-01-01 to 2199-12-31')
  .transform((s) => new Date(s));

/** `from` after `to` is a mistake worth naming, not an empty answer. */
function ordered(q: { from?: unknown; to?: unknown }): boolean {
  return !(q.from instanceof Date) || !(q.to instanceof Date) || q.from <= q.to;
}
const ORDER = { message: 'from must not be after to', path: ['from'] };

export const SummaryQuery = z.object({
  days: z.coerce.number().int().min(1).max(3650).default(7),
  include_logs: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

/** A time range defaulting to the last 24 hours. */
const range = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export const TimeseriesQuery = z
  .object({
    ...range,
    granularity: z.enum(['minute', 'hour', 'day']).default('hour'),
  })
  .refine(ordered, ORDER);

export const BreakdownQuery = z
  .object({
    ...range,
    by: z.enum(['model', 'provider', 'key', 'status', 'client_format']).default('model'),
  })
  .refine(ordered, ORDER);

export const LogsQuery = z
  .object({
    ...range,
    status: z
      .string()
      .regex(/^(success|error|\d{3})$/, "must be 'success', 'error' or an HTTP status")
      .transform((s) => (s === 'success' || s === 'error' ? s : Number(s)))
      .optional(),
    model: z.string().max(300).optional(),
    provider: z.string().max(100).optional(),
    key_id: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    cursor: z.string().max(500).optional(),
  })
  .refine(ordered, ORDER);

export const ExportQuery = z
  .object({
    ...range,
    format: z.enum(['csv', 'json']).default('csv'),
  })
  .refine(ordered, ORDER);

export function resolveRange(
  q: { from?: Date; to?: Date },
  defaultMs = 24 * 3600 * 1000,
): { from: Date; to: Date } {
  const to = q.to ?? new Date();
  const from = q.from ?? new Date(to.getTime() - defaultMs);
  return { from, to };
}

export type SummaryQuery = z.infer<typeof SummaryQuery>;
export type TimeseriesQuery = z.infer<typeof TimeseriesQuery>;
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;
export type LogsQuery = z.infer<typeof LogsQuery>;
export type ExportQuery = z.infer<typeof ExportQuery>;
