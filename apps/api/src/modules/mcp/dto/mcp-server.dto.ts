// The shapes live in @gateway/contracts, shared with the dashboard; these names are the API's.
export {
  CreateMcpServerBody as CreateMcpServerDto,
  UpdateMcpServerBody as UpdateMcpServerDto,
  type McpServer as McpServerDto,
  type McpServerList as McpServerListDto,
  type McpServerTools as McpServerToolsDto,
} from '@gateway/contracts';
