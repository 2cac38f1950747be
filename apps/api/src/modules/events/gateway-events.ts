import { Injectable, Logger } from '@nestjs/common';

/** Kinds of change to one gateway's configuration. */
export const GATEWAY_CHANGE_KINDS = [
  'keys',
  'providers',
  'routing-settings',
  'mcp-servers',
  'limits',
  'gateway-settings',
  /** The gateway was created or deleted, or its secret regenerated. */
  'gateway-secret',
] as const;

export type GatewayChangeKind = (typeof GATEWAY_CHANGE_KINDS)[number];

/** What changed in a gateway's configuration. */
export interface GatewayChange {
  kind: GatewayChangeKind;
  gatewayId: string;
}

/** Admins, disabled users or environment-credential grants changed. */
export interface AccessChange {
  kind: 'access';
}

/** A configuration change: names what changed, never its content (no secrets). */
export type ConfigChange = GatewayChange | AccessChange;

type Listener = (change: ConfigChange) => Promise<void> | void;

/** Tells the other processes about a change made here (`ConfigBroadcast`); must not throw or wait. */
export type ChangeAnnouncer = (change: ConfigChange) => void;

/**
 * A tiny typed event bus: the modules that own keys, providers, settings, secrets and access
 * announce a change here, and whoever holds a copy in memory (key directory, gateway config, model
 * lists) listens. The owners never call their listeners directly, so imports run one way.
 *
 * A change made through this process's management API runs the `on` listeners (before the API
 * answers), then is announced to the other processes (workers, replicas; see `ConfigBroadcast`),
 * where it runs the `onRemote` listeners: in-memory copies re-read what changed, while side effects
 * done once for all (a database write) stay on `on`.
 */
@Injectable()
export class GatewayEvents {
  private readonly logger = new Logger(GatewayEvents.name);
  private readonly listeners: Listener[] = [];
  private readonly remoteListeners: Listener[] = [];
  private readonly reloaders: (() => Promise<unknown>)[] = [];
  private announcer?: ChangeAnnouncer;

  /** Runs for every change made through this process's management API. */
  on(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Runs for every change another process announced. */
  onRemote(listener: Listener): void {
    this.remoteListeners.push(listener);
  }

  /** Both: an in-memory copy that re-reads what changed, wherever the change was made. */
  follow(listener: Listener): void {
    this.on(listener);
    this.onRemote(listener);
  }

  /** A full reload of an in-memory copy, run by `resync` (every copy registers its own). */
  onResync(reload: () => Promise<unknown>): void {
    this.reloaders.push(reload);
  }

  /**
   * Changes announced while this process could not hear them (its Redis subscription dropped) are
   * lost to it: every in-memory copy reloads in full. Failures are logged; the periodic reload stays.
   */
  async resync(): Promise<void> {
    await Promise.all(
      this.reloaders.map(async (reload) => {
        try {
          await reload();
        } catch (err) {
          this.logger.warn(`Reloading after missed changes failed: ${(err as Error).message}`);
        }
      }),
    );
  }

  /** Where changes made here are announced (one announcer: `ConfigBroadcast`, with REDIS_URL). */
  announceTo(announcer: ChangeAnnouncer): void {
    this.announcer = announcer;
  }

  /**
   * A change made here: runs every listener and waits for them, so when the management API answers
   * the change is live on this process; then announces it without waiting for the others. A
   * listener's failure is logged, never thrown at the writer (the change is saved; the periodic
   * full reload picks it up).
   */
  async emit(change: ConfigChange): Promise<void> {
    await this.run(this.listeners, change);
    try {
      this.announcer?.(change);
    } catch (err) {
      this.logger.warn(`Announcing ${describeChange(change)} failed: ${(err as Error).message}`);
    }
  }

  /** A change another process made (and announced): runs the `onRemote` listeners. */
  async receive(change: ConfigChange): Promise<void> {
    await this.run(this.remoteListeners, change);
  }

  private async run(listeners: Listener[], change: ConfigChange): Promise<void> {
    await Promise.all(
      listeners.map(async (listener) => {
        try {
          await listener(change);
        } catch (err) {
          this.logger.error(`Applying ${describeChange(change)} failed: ${(err as Error).message}`);
        }
      }),
    );
  }
}

function describeChange(change: ConfigChange): string {
  return change.kind === 'access'
    ? 'an access change'
    : `a ${change.kind} change of gateway ${change.gatewayId}`;
}
