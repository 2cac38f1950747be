import { DomainError, ErrorCode } from '../../common/domain-errors';

export class McpStdioDisabledError extends DomainError {
  constructor() {
    super(
      ErrorCode.InvalidRequest,
      'stdio MCP servers are disabled on this gateway: the operator can allow them with MCP_STDIO_ALLOWED=true',
      { param: 'transport' },
    );
  }
}
