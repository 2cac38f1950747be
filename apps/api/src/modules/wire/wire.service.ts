import { Injectable } from '@nestjs/common';
import type { WireExchange } from '@gateway/contracts';
import { DomainError, ErrorCode } from '../../common/domain-errors';
import { GatewaysService } from '../gateways/gateways.service';
import { WireStore } from './wire-store';

/** Reading captures back: the gateway's users only, within the capture's TTL. */
@Injectable()
export class WireService {
  constructor(
    private readonly gateways: GatewaysService,
    private readonly store: WireStore,
  ) {}

  async read(userId: string, gatewayId: string, requestId: string): Promise<WireExchange> {
    await this.gateways.requireOwned(userId, gatewayId);
    const capture = await this.store.get(gatewayId, requestId);
    if (!capture)
      throw new DomainError(
        ErrorCode.NotFound,
        `No wire capture for request ${requestId}: captures are made for requests sent with the gateway secret and 'x-gateway-debug: wire', and kept for 5 minutes`,
      );
    return capture;
  }
}
