// The shapes live in @gateway/contracts, shared with the dashboard; these names are the API's.
export {
  GatewayLimitsBody as GatewayLimitsDto,
  LimitsUsageQuery as LimitsUsageQueryDto,
  type GatewayLimits as GatewayLimitsResponseDto,
  type GatewayLimitsUsage as GatewayLimitsUsageDto,
} from '@gateway/contracts';
