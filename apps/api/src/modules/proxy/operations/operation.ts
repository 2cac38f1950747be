import type { Operation } from '@gateway/contracts';
import type { WireFormat } from '@gateway/converters';
import {
  API_FAMILIES,
  type FamilyEndpoint,
  type ModelCatalog,
  type ProviderSpec,
} from '@gateway/routing';
import type { Dispatcher } from 'undici';
import type { RouteCandidate } from '../../routing/routing.types';
import type { ProxyExchange } from '../proxy-exchange';
import type { UpstreamPlan } from '../upstream-plan';
import type { EndpointAdapters, UpstreamAdapter } from '../upstream/adapters';

/** What the pipeline needs to know of a request before dispatch, whatever its endpoint. */
export interface OperationRequest {
  model: string;
  stream: boolean;
  /** Prompt tokens estimated before sending (tpm and token quotas); settled to the real count. */
  estimatedInputTokens: number;
  /** The output cap the client asked for, checked against a key's `max_tokens_per_request`. */
  maxTokens?: number;
  /**
   * Cost estimate on the plan's first candidate, in the operation's own unit, for budgets; null when
   * that unit has no price. `maxOutputTokens`: the client's output cap, else the key's, else 0.
   */
  estimateCost(candidate: RouteCandidate, maxOutputTokens: number): number | null;
}

/** What the operations build upstream requests with. */
export interface OperationDeps {
  /** Adapter of a family's endpoint (embeddings, transcriptions, …); undefined when it has none. */
  endpointAdapter: EndpointAdapters;
  /** The chat adapter of a provider for a client format (what chat requests use). */
  chatAdapter: (provider: ProviderSpec, client: WireFormat) => UpstreamAdapter | undefined;
  catalog: ModelCatalog;
}

/**
 * One endpoint beyond chat, as a step of the proxy pipeline (see `ProxyService.handleOperation`):
 * it reads the client's request, says which models and providers can serve it, builds the upstream
 * request per candidate and relays the answer with its usage. Authentication, planning, key policy,
 * fallback, breakers and recording are the pipeline's.
 */
export interface OperationSpec<R extends OperationRequest = OperationRequest> {
  readonly operation: Operation;
  /** The kind of model it needs, as errors name it ('an embedding model'). */
  readonly modelKind: string;
  /** Catalog modes of the models that serve it. */
  readonly modes: readonly string[];
  /** Parses and checks the client's request (400 in the client's format when it is wrong). */
  read(ex: ProxyExchange): R;
  /** Whether this gateway can call the candidate's provider for this operation at all. */
  supports(candidate: RouteCandidate): boolean;
  /** The upstream request for one candidate; undefined skips it. */
  plan(ex: ProxyExchange, req: R, candidate: RouteCandidate): UpstreamPlan | undefined;
  /** Sends a successful answer on to the client and notes its usage on the call. */
  relay(
    ex: ProxyExchange,
    req: R,
    plan: UpstreamPlan,
    upstream: Dispatcher.ResponseData,
  ): Promise<void>;
}

/** The plan of one upstream request with the gateway's usual context filled in. */
export function operationPlan(
  ex: ProxyExchange,
  candidate: RouteCandidate,
  adapter: UpstreamAdapter,
  payload: string | Buffer,
  opts: { passthrough: boolean; droppedParams?: string[]; headers?: Record<string, string> },
): UpstreamPlan {
  return {
    candidate,
    target: {
      provider: candidate.providerSpec,
      baseUrl: candidate.baseUrl,
      authHeaders: candidate.authHeaders,
    },
    adapter,
    payload,
    headers: opts.headers,
    passthrough: opts.passthrough,
    injectedUsage: false,
    droppedParams: opts.droppedParams ?? [],
    ctx: {
      upstreamModel: candidate.upstreamModel,
      requestedModel: ex.call.requestedModel,
      maxOutputTokens: candidate.model.maxOutputTokens,
      id: ex.call.requestId,
      created: Math.floor(Date.now() / 1000),
      upstreamProvider: candidate.providerSpec.id,
    },
  };
}

/**
 * The client's JSON bytes for an upstream of the same shape: unchanged when the model id is already
 * the upstream's and nothing else changes, else re-serialised with the upstream's model and `patch`.
 */
export function samePayload(
  ex: ProxyExchange,
  candidate: RouteCandidate,
  patch?: Record<string, unknown>,
): string | Buffer {
  const body = ex.body!;
  if (body.model === candidate.upstreamModel && !patch) return ex.input.rawBody!;
  return JSON.stringify(Object.assign({}, body, { model: candidate.upstreamModel }, patch));
}

/** Whether the candidate's API family has a path for `endpoint`. */
export function familyServes(candidate: RouteCandidate, endpoint: FamilyEndpoint): boolean {
  return API_FAMILIES[candidate.providerSpec.family].paths[endpoint] !== undefined;
}

/** Whether the candidate's model fits the operation (a gateway provider's unlisted model may be anything). */
export function servesMode(spec: Pick<OperationSpec, 'modes'>, candidate: RouteCandidate): boolean {
  return candidate.model.mode === 'unknown' || spec.modes.includes(candidate.model.mode);
}

/** Text prompt tokens before sending: about four characters per token (OpenAI's rule of thumb). */
export function estimateTextTokens(texts: readonly (string | readonly number[])[]): number {
  let chars = 0;
  let tokens = 0;
  for (const t of texts) {
    if (typeof t === 'string') chars += t.length;
    else tokens += t.length;
  }
  return tokens + Math.ceil(chars / 4);
}
