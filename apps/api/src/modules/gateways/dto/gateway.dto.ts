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
