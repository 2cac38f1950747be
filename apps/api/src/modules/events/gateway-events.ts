import { Injectable, Logger } from '@nestjs/common';

/** What changed in a gateway's configuration through this replica's management API. */
export type GatewayChange =
  | { kind: 'keys'; gatewayId: string }
  | { kind: 'providers'; gatewayId: string }
  | { kind: 'routing-settings'; gatewayId: string }
  | { kind: 'mcp-servers'; gatewayId: string }
  | { kind: 'limits'; gatewayId: string }
  | { kind: 'gateway-settings'; gatewayId: string };

type Listener = (change: GatewayChange) => Promise<void> | void;

/**
 * A tiny typed in-process event bus: the modules that own keys, providers and settings announce a
 * change here, and whoever holds a copy in memory (key directory, gateway config, model lists)
 * listens. The owners never call their listeners directly, so imports run one way.
 */
@Injectable()
export class GatewayEvents {
  private readonly logger = new Logger(GatewayEvents.name);
  private readonly listeners: Listener[] = [];

  on(listener: Listener): void {
    this.listeners.push(listener);
  }

  /**
   * Runs every listener and waits for them: when the management API answers, the change is live
   * on this replica. A listener's failure is logged, never thrown at the writer (the change is
   * saved; the periodic full reload picks it up).
   */
  async emit(change: GatewayChange): Promise<void> {
    await Promise.all(
      this.listeners.map(async (listener) => {
        try {
          await listener(change);
        } catch (err) {
          this.logger.error(
            `Applying a ${change.kind} change of gateway ${change.gatewayId} failed: ${(err as Error).message}`,
          );
        }
      }),
    );
  }
}
