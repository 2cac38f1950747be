import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DomainError, ErrorCode, isDatabaseUnavailable } from '../../common/domain-errors';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { pack, unpack } from './response-codec';
import {
  conversationItems,
  pageOf,
  type ChainLink,
  type Item,
  type ItemList,
  type ItemsPage,
} from './response-history';
import { ResponsesRepository, type ChainRow } from './responses.repository';

/** How many stored responses one `previous_response_id` may reach back; longer chains get a 400. */
export const MAX_CHAIN = 1000;
/**
 * With several replicas (REDIS_URL set), a response another replica finished a moment ago may still be
 * committing: a miss is read once more after this long. One replica knows its own pending writes.
 */
export const REREAD_AFTER_MS = 250;
const MAX_ID_LENGTH = 128;

export interface NewStoredResponse {
  gatewayId: string;
  keyId?: string;
  retentionDays: number;
  previousResponseId?: string;
  /** The request's own input items. */
  inputItems: Item[];
  /** The response object as the client received it. */
  response: Record<string, unknown>;
  model: string;
}

/**
 * Stored Responses API state per gateway: saving a finished response (never on the client's path:
 * compression and the insert run after the answer, a read of the same id on this replica waits for
 * it), the chain behind a `previous_response_id` in one query, and retrieve / delete / input items.
 * A stranger's id, an expired one and a deleted one are all simply "not found".
 */
@Injectable()
export class ResponsesService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ResponsesService.name);
  /** Writes still running on this replica, by `gatewayId:id`. */
  private readonly pending = new Map<string, Promise<void>>();

  private readonly rereadMs: number;

  constructor(
    private readonly repo: ResponsesRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rereadMs = config.redisUrl ? REREAD_AFTER_MS : 0;
  }

  /** Starts storing a response; returns at once. A failure is logged (the client already has its answer). */
  save(r: NewStoredResponse): void {
    const id = typeof r.response.id === 'string' ? r.response.id : undefined;
    if (!id || id.length > MAX_ID_LENGTH || r.retentionDays <= 0) return;
    const key = `${r.gatewayId}:${id}`;
    const write = this.write(id, r)
      .catch((err: Error) =>
        this.logger.error(
          `Storing response ${id} of gateway ${r.gatewayId} failed: ${err.message}`,
        ),
      )
      .finally(() => {
        if (this.pending.get(key) === write) this.pending.delete(key);
      });
    this.pending.set(key, write);
  }

  /** Resolves once every write started so far has ended. */
  async flush(): Promise<void> {
    await Promise.all([...this.pending.values()]);
  }

  /** Writes of the last answers finish before the database pool closes (it closes at shutdown). */
  beforeApplicationShutdown(): Promise<void> {
    return this.flush();
  }

  /**
   * The chain ending at `id`, oldest first; undefined when `id` itself is unknown to this gateway.
   * Throws 400 when the chain is longer than MAX_CHAIN.
   */
  async chain(gatewayId: string, id: string): Promise<ChainLink[] | undefined> {
    const rows = await this.read(
      gatewayId,
      id,
      () => this.repo.chain(gatewayId, id, MAX_CHAIN + 1),
      (r) => r.length > 0,
    );
    if (!rows || rows.length === 0) return undefined;
    if (rows.length > MAX_CHAIN) {
      throw new DomainError(
        ErrorCode.InvalidRequest,
        `The conversation behind previous_response_id is longer than ${MAX_CHAIN} responses: start a new one with the history in \`input\``,
        { param: 'previous_response_id' },
      );
    }
    return Promise.all([...rows].reverse().map(toLink));
  }

  async retrieve(gatewayId: string, id: string): Promise<Record<string, unknown>> {
    const row = await this.read(
      gatewayId,
      id,
      () => this.repo.findOne(gatewayId, id),
      (r) => r !== undefined,
    );
    if (!row) throw notFound(id);
    return unpack<Record<string, unknown>>(row.response);
  }

  async remove(
    gatewayId: string,
    id: string,
  ): Promise<{ id: string; object: 'response'; deleted: true }> {
    const deleted = await this.read(
      gatewayId,
      id,
      () => this.repo.delete(gatewayId, id),
      (d) => d,
    );
    if (!deleted) throw notFound(id);
    return { id, object: 'response', deleted: true };
  }

  /** The items that produced a response (its history included), one page in OpenAI's list shape. */
  async inputItems(gatewayId: string, id: string, page: ItemsPage): Promise<ItemList> {
    const chain = await this.chain(gatewayId, id);
    if (!chain) throw notFound(id);
    return pageOf(conversationItems(chain), page);
  }

  /**
   * Runs a read of `id` after this replica's own pending write of it and, with several replicas,
   * once more after REREAD_AFTER_MS when nothing is found (another replica's write may be committing).
   */
  private async read<T>(
    gatewayId: string,
    id: string,
    query: () => Promise<T>,
    found: (value: T) => boolean,
  ): Promise<T | undefined> {
    if (id.length === 0 || id.length > MAX_ID_LENGTH) return undefined;
    const pending = this.pending.get(`${gatewayId}:${id}`);
    if (pending) await pending;
    const first = await unlessDatabaseDown(query);
    if (found(first) || pending || this.rereadMs === 0) return first;
    await new Promise((resolve) => setTimeout(resolve, this.rereadMs));
    return unlessDatabaseDown(query);
  }

  private async write(id: string, r: NewStoredResponse): Promise<void> {
    // Serialising starts on the next turn of the event loop, once the answer has been written out.
    await new Promise((resolve) => setImmediate(resolve));
    // The stored copy says what the gateway did: kept, and chained to the client's previous response.
    const response: Record<string, unknown> = {
      ...r.response,
      previous_response_id: r.previousResponseId ?? null,
      store: true,
    };
    const [packedResponse, packedItems] = await Promise.all([pack(response), pack(r.inputItems)]);
    await this.repo.upsert({
      gatewayId: r.gatewayId,
      id,
      keyId: r.keyId ?? null,
      previousResponseId: r.previousResponseId ?? null,
      model: (typeof response.model === 'string' ? response.model : r.model).slice(0, 256),
      status: (typeof response.status === 'string' ? response.status : 'completed').slice(0, 32),
      response: packedResponse.bytes,
      inputItems: packedItems.bytes,
      sizeBytes: packedResponse.size + packedItems.size,
      retentionDays: r.retentionDays,
    });
  }
}

/** A read while Postgres is unreachable is a 503 to retry, not the gateway's own failure. */
async function unlessDatabaseDown<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    throw new DomainError(
      ErrorCode.Internal,
      'Stored responses cannot be read while the database is unavailable; try again shortly',
      { status: 503, headers: { 'retry-after': '5' } },
    );
  }
}

async function toLink(row: ChainRow): Promise<ChainLink> {
  const [response, inputItems] = await Promise.all([
    unpack<Record<string, unknown>>(row.response),
    unpack<Item[]>(row.input_items),
  ]);
  return { id: row.id, response, inputItems };
}

function notFound(id: string): DomainError {
  return new DomainError(ErrorCode.NotFound, `Response with id '${id}' not found.`);
}
