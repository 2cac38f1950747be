// The shapes live in @gateway/contracts, shared with the dashboard; these names are the API's.
export {
  GatewayNameBody as GatewayNameDto,
  GatewaySettingsPatch as GatewaySettingsPatchDto,
  BODY_LOG_MAX_BYTES,
  RESPONSES_RETENTION_DAYS_DEFAULT,
  type CreatedGateway as CreatedGatewayDto,
  type Gateway as GatewayDto,
  type GatewayList as GatewayListDto,
  type GatewayCredentials as GatewayCredentialsDto,
  type GatewaySettings as GatewaySettingsDto,
} from '@gateway/contracts';
