import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, InvalidRequestError } from '../../common/domain-errors';
import { inputItemsOf, replayItems, type ItemsPage } from '../responses/response-history';
import { ResponsesService } from '../responses/responses.service';
import type { ProxyExchange } from './proxy-exchange';

/** A call on the stored state: `GET` / `DELETE /v1/responses/{id}`, `GET …/{id}/input_items`. */
export type StoredResponseOp =
  | { kind: 'retrieve'; id: string }
  | { kind: 'delete'; id: string }
  | { kind: 'input_items'; id: string; page: ItemsPage };

/**
 * The Responses API's state in the proxy. `open` is the stateful part of a request, before routing:
 * the conversation stored behind `previous_response_id` is replayed into `input` (so every upstream,
 * converted or not, gets the whole history, reasoning items and tool calls included), and unless
 * `store: false` (or a retention of 0 days) the finished answer is handed to the store. The stored
 * items are the request's own input, so a chain costs one row per turn. `serve` answers the
 * retrieve, delete and input-items calls.
 */
@Injectable()
export class ResponsesState {
  constructor(private readonly responses: ResponsesService) {}

  async open(ex: ProxyExchange): Promise<void> {
    const body = ex.body!;
    const { identity, key } = ex.caller!;
    const previous = previousId(body.previous_response_id);
    if (body.store !== undefined && body.store !== null && typeof body.store !== 'boolean')
      throw new InvalidRequestError('store must be a boolean', 'store');
    if (body.input !== undefined && typeof body.input !== 'string' && !Array.isArray(body.input))
      throw new InvalidRequestError('input must be a string or an array of input items', 'input');
    const own = inputItemsOf(body.input);
    if (previous !== undefined) {
      const chain = await this.responses.chain(identity.gatewayId, previous);
      if (!chain) {
        throw new DomainError(
          ErrorCode.PreviousResponseNotFound,
          `Previous response with id '${previous}' not found.`,
          { param: 'previous_response_id' },
        );
      }
      const { previous_response_id: _resolved, ...rest } = body;
      ex.body = { ...rest, input: [...replayItems(chain), ...own] };
      ex.bodyRewritten = true;
    }
    if (body.store === false || identity.responsesRetentionDays <= 0) return;
    ex.onResponse = (response) =>
      this.responses.save({
        gatewayId: identity.gatewayId,
        keyId: key?.id,
        retentionDays: identity.responsesRetentionDays,
        previousResponseId: previous,
        inputItems: own,
        response,
        model: ex.call.requestedModel,
      });
  }

  /** Answers a call on the stored state of `gatewayId` (404 for anything it did not store). */
  serve(op: StoredResponseOp, gatewayId: string): Promise<unknown> {
    switch (op.kind) {
      case 'retrieve':
        return this.responses.retrieve(gatewayId, op.id);
      case 'delete':
        return this.responses.remove(gatewayId, op.id);
      case 'input_items':
        return this.responses.inputItems(gatewayId, op.id, op.page);
    }
  }
}

/**
 * The stored-state call a method and path name (`/v1/responses/{id}[/input_items]`, the id
 * URL-decoded); undefined for any other path or method.
 */
export function matchStoredResponse(
  method: string,
  path: string,
): { kind: StoredResponseOp['kind']; id: string } | undefined {
  const m = /^\/v1\/responses\/([^/]+)(\/input_items)?$/.exec(path);
  const id = m ? safeDecode(m[1]) : undefined;
  if (!m || id === undefined) return undefined;
  if (m[2]) return method === 'GET' ? { kind: 'input_items', id } : undefined;
  if (method === 'GET') return { kind: 'retrieve', id };
  return method === 'DELETE' ? { kind: 'delete', id } : undefined;
}

/** The call with its query read: `input_items` paging; a stored response cannot be streamed back. */
export function storedResponseOp(
  target: { kind: StoredResponseOp['kind']; id: string },
  query: Record<string, string>,
): StoredResponseOp {
  if (target.kind === 'input_items')
    return { ...target, kind: 'input_items', page: itemsPage(query) };
  if (target.kind === 'retrieve' && query.stream === 'true')
    throw new InvalidRequestError('Streaming a stored response back is not supported', 'stream');
  return { kind: target.kind, id: target.id };
}

/** `limit` 1–100 (default 20), `order` asc or desc (default desc), `after` / `before` item ids. */
export function itemsPage(query: Record<string, string>): ItemsPage {
  const limit = query.limit === undefined ? 20 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new InvalidRequestError('limit must be an integer between 1 and 100', 'limit');
  const order = query.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc')
    throw new InvalidRequestError("order must be 'asc' or 'desc'", 'order');
  return { limit, order, after: query.after || undefined, before: query.before || undefined };
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function previousId(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new InvalidRequestError(
      'previous_response_id must be the id of an earlier response',
      'previous_response_id',
    );
  return value;
}
