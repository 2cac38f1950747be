// The shapes live in @gateway/contracts, shared with the dashboard; these names are the API's.
export {
  CreateGatewayBody as CreateGatewayDto,
  GatewayListQuery as GatewayListQueryDto,
  GatewayNameBody as GatewayNameDto,
  GatewaySettingsPatch as GatewaySettingsPatchDto,
  MoveGatewayBody as MoveGatewayDto,
  BODY_LOG_MAX_BYTES,
  RESPONSES_RETENTION_DAYS_DEFAULT,
  type CreatedGateway as CreatedGatewayDto,
  type Gateway as GatewayDto,
  type GatewayList as GatewayListDto,
  type GatewayCredentials as GatewayCredentialsDto,
  type GatewaySettings as GatewaySettingsDto,
} from '@gateway/contracts';
