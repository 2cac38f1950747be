import { z } from 'zod';
import type { TeamRole } from './access';
import { IdField } from './teams';

/** `POST /gateway/create`, `PATCH /gateway/:id`. */
export const GatewayNameBody = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'name is required')
    .max(200, 'name must be at most 200 characters'),
});
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
export const MoveGatewayBody = z.object({ team_id: IdField }).strict();
export type MoveGatewayBody = z.infer<typeof MoveGatewayBody>;

/** `PATCH /gateway/:id/settings`. */
export const GatewaySettingsPatch = z.object({
  log_bodies: z.boolean().optional(),
});
export type GatewaySettingsPatch = z.infer<typeof GatewaySettingsPatch>;

/** Each stored body (request and response) is cut to this many bytes. */
export const BODY_LOG_MAX_BYTES = 64 * 1024;

/** `POST /gateway/create`: the only answer besides `credentials` that carries the secret. */
export interface CreatedGateway {
  gateway_id: string;
  secret: string;
}

/** A row of `GET /gateway/list`; `PATCH /gateway/:id`, `POST /gateway/:id/move`. */
export interface Gateway {
  id: string;
  name: string;
  created_at: string;
  /** The team that owns the gateway. */
  team_id: string;
  /** The caller's role in that team: what they may do with the gateway (`ENDPOINT_MIN_ROLE`). */
  role: TeamRole;
}

/** `GET /gateway/list`: the gateways of every team the caller belongs to. */
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
}
