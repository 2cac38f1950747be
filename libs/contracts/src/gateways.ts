import { z } from 'zod';

/** `POST /gateway/create`, `PATCH /gateway/:id`. */
export const GatewayNameBody = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'name is required')
    .max(200, 'name must be at most 200 characters'),
});
export type GatewayNameBody = z.infer<typeof GatewayNameBody>;

/** `PATCH /gateway/:id/settings`. */
export const GatewaySettingsPatch = z.object({
  log_bodies: z.boolean().optional(),
  /** Days stored Responses API answers are kept (0: none are stored). */
  responses_retention_days: z
    .number()
    .int('responses_retention_days must be a whole number of days')
    .min(0, 'responses_retention_days must be between 0 and 3650')
    .max(3650, 'responses_retention_days must be between 0 and 3650')
    .optional(),
});
export type GatewaySettingsPatch = z.infer<typeof GatewaySettingsPatch>;

/** Each stored body (request and response) is cut to this many bytes. */
export const BODY_LOG_MAX_BYTES = 64 * 1024;

/** How long a gateway keeps Responses API answers unless its settings say otherwise (OpenAI's 30 days). */
export const RESPONSES_RETENTION_DAYS_DEFAULT = 30;

/** `POST /gateway/create`: the only answer besides `credentials` that carries the secret. */
export interface CreatedGateway {
  gateway_id: string;
  secret: string;
}

/** A row of `GET /gateway/list`; `PATCH /gateway/:id`. */
export interface Gateway {
  id: string;
  name: string;
  created_at: string;
}

/** `GET /gateway/list`. */
export interface GatewayList {
  gateways: Gateway[];
}

/** `GET /gateway/:id/credentials`, `POST /gateway/:id/regenerate`. */
export interface GatewayCredentials {
  gateway_id: string;
  name: string;
  secret: string;
}

/** `GET` and `PATCH /gateway/:id/settings`. */
export interface GatewaySettings {
  gateway_id: string;
  log_bodies: boolean;
  body_log_max_bytes: number;
  responses_retention_days: number;
}
