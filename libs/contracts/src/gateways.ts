import { z } from 'zod';
import { TEAM_ROLES } from './access';
import { IdField } from './teams';

/** `POST /gateway/create`, `PATCH /gateway/:id`. */
export const GatewayNameBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'name is required')
      .max(200, 'name must be at most 200 characters'),
  })
  .meta({ id: 'GatewayNameBody' });
export type GatewayNameBody = z.infer<typeof GatewayNameBody>;

/**
 * `POST /gateway/create`: without `team_id` the gateway goes to the caller's personal team; with it,
 * to that team (the caller must be an admin there).
 */
export const CreateGatewayBody = GatewayNameBody.extend({ team_id: IdField.optional() });
export type CreateGatewayBody = z.infer<typeof CreateGatewayBody>;

/** `GET /gateway/list?team_id=`: only that team's gateways. */
export const GatewayListQuery = z.object({ team_id: IdField.optional() });
export type GatewayListQuery = z.infer<typeof GatewayListQuery>;

/** `POST /gateway/:id/move`: hands the gateway (secret, keys, providers, analytics) to another team. */
export const MoveGatewayBody = z
  .object({ team_id: IdField })
  .strict()
  .meta({ id: 'MoveGatewayBody' });
export type MoveGatewayBody = z.infer<typeof MoveGatewayBody>;

/** `PATCH /gateway/:id/settings`. */
export const GatewaySettingsPatch = z
  .object({
    log_bodies: z.boolean().optional(),
    /** Days stored Responses API answers are kept (0: none are stored). */
    responses_retention_days: z
      .number()
      .int('responses_retention_days must be a whole number of days')
      .min(0, 'responses_retention_days must be between 0 and 3650')
      .max(3650, 'responses_retention_days must be between 0 and 3650')
      .optional(),
  })
  .meta({ id: 'GatewaySettingsPatch' });
export type GatewaySettingsPatch = z.infer<typeof GatewaySettingsPatch>;

/** Each stored body (request and response) is cut to this many bytes. */
export const BODY_LOG_MAX_BYTES = 64 * 1024;

/** How long a gateway keeps Responses API answers unless its settings say otherwise (OpenAI's 30 days). */
export const RESPONSES_RETENTION_DAYS_DEFAULT = 30;

/** `POST /gateway/create`: the only answer besides `credentials` that carries the secret. */
export const CreatedGateway = z
  .object({
    gateway_id: z.string(),
    secret: z.string().describe('the gateway secret (`gw-…`): what clients send as their API key'),
  })
  .meta({ id: 'CreatedGateway' });
export type CreatedGateway = z.infer<typeof CreatedGateway>;

/** A row of `GET /gateway/list`; `PATCH /gateway/:id`, `POST /gateway/:id/move`. */
export const Gateway = z
  .object({
    id: z.string(),
    name: z.string(),
    created_at: z.string().describe('ISO 8601'),
    team_id: z.string().describe('the team that owns the gateway'),
    role: z
      .enum(TEAM_ROLES)
      .describe("the caller's role in that team: what they may do with the gateway"),
  })
  .meta({ id: 'Gateway' });
export type Gateway = z.infer<typeof Gateway>;

/** `GET /gateway/list`: the gateways of every team the caller belongs to. */
export const GatewayList = z.object({ gateways: z.array(Gateway) }).meta({ id: 'GatewayList' });
export type GatewayList = z.infer<typeof GatewayList>;

/** `GET /gateway/:id/credentials`, `POST /gateway/:id/regenerate`. */
export const GatewayCredentials = z
  .object({
    gateway_id: z.string(),
    name: z.string(),
    secret: z.string(),
  })
  .meta({ id: 'GatewayCredentials' });
export type GatewayCredentials = z.infer<typeof GatewayCredentials>;

/** `GET` and `PATCH /gateway/:id/settings`. */
export const GatewaySettings = z
  .object({
    gateway_id: z.string(),
    log_bodies: z.boolean().describe('store request and response bodies with each request'),
    body_log_max_bytes: z.number().int().describe('each stored body is cut to this many bytes'),
    responses_retention_days: z
      .number()
      .int()
      .describe('days stored Responses API answers are kept (0: none are stored)'),
  })
  .meta({ id: 'GatewaySettings' });
export type GatewaySettings = z.infer<typeof GatewaySettings>;
