import { Injectable } from '@nestjs/common';
import type { WireExchange } from '@gateway/contracts';
import { DomainError, ErrorCode } from '../../common/domain-errors';
import type { AuthorizedGateway } from '../gateways/gateway-access';
import { WireStore } from './wire-store';

/** Reading captures back: the gateway's team members (the guard checked the role), within the TTL. */
@Injectable()
export class WireService {
  constructor(private readonly store: WireStore) {}

  async read(gw: AuthorizedGateway, requestId: string): Promise<WireExchange> {
    const capture = await this.store.get(gw.gatewayId, requestId);
    if (!capture)
      throw new DomainError(
        ErrorCode.NotFound,
        `No wire capture for request ${requestId}: captures are made for requests sent with the gateway secret and 'x-gateway-debug: wire', and kept for 5 minutes`,
      );
    return capture;
  }
}
