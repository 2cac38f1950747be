import { z } from 'zod';

export const GatewayNameDto = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'name is required')
    .max(200, 'name must be at most 200 characters'),
});
export type GatewayNameDto = z.infer<typeof GatewayNameDto>;

export interface CreatedGatewayDto {
  gateway_id: string;
  secret: string;
}

export interface GatewayDto {
  id: string;
  name: string;
  created_at: string;
}

export interface GatewayCredentialsDto {
  gateway_id: string;
  name: string;
  secret: string;
}

/** Each stored body (request and response) is cut to this many bytes. */
export const BODY_LOG_MAX_BYTES = 64 * 1024;

export const GatewaySettingsPatchDto = z.object({
  log_bodies: z.boolean().optional(),
});
export type GatewaySettingsPatchDto = z.infer<typeof GatewaySettingsPatchDto>;

export interface GatewaySettingsDto {
  gateway_id: string;
  log_bodies: boolean;
  body_log_max_bytes: number;
}
