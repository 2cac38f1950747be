import type { Operation } from '@gateway/contracts';
import type { WireFormat } from '@gateway/converters';
import type { BilledUnits, ModelPricing, ResolvedModel } from '@gateway/routing';
import type { GatewayIdentity } from '../gateways/gateway-auth.index';
import type { TokenUsage } from './usage';

export type ClientFormat = WireFormat;

/** Everything known about one proxied request, filled in as the pipeline advances; becomes the analytics event. */
export interface ProxyCall {
  /** The gateway's own id: unique, the analytics row's key. */
  requestId: string;
  /** The client's valid `x-request-id`: the id it is shown (see publicRequestId). */
  clientRequestId: string | undefined;
  startedAt: number;
  /** Absent for POST, the method of nearly every call. */
  method?: string;
  endpoint: string;
  /** What the client asked for (chat, embeddings, images, …), whatever its API shape. */
  operation: Operation;
  format: ClientFormat;
  gateway?: GatewayIdentity;
  /** The gateway key used, when not the gateway secret itself. */
  keyId?: string;
  requestedModel: string;
  resolved?: ResolvedModel;
  /** The wire format spoken to the upstream (equal to `format` when passed through). */
  upstreamFormat?: WireFormat;
  stream: boolean;
  status: number;
  errorType: string | null;
  errorMessage: string | null;
  usage?: TokenUsage;
  /** What the answer used beyond text tokens (images, seconds, characters, queries). */
  units?: BilledUnits;
  /** The prices that apply when not the resolved model's own (an image size and quality tier). */
  pricing?: ModelPricing;
  upstreamStartedAt?: number;
  upstreamEndedAt?: number;
  firstTokenAt?: number;
  responseId?: string;
  /** The upstream's finish reasons (non-streamed answers, read only while tracing). */
  finishReasons?: string[];
  attempts: number;
  /** Set only when the gateway turned body logging on; each capped to BODY_LOG_MAX_BYTES. */
  requestBody?: string;
  responseBody?: string;
}

export function createCall(
  endpoint: string,
  format: ClientFormat,
  requestId: string,
  startedAt: number,
  clientRequestId?: string,
  operation: Operation = 'chat',
): ProxyCall {
  return {
    requestId,
    clientRequestId,
    startedAt,
    endpoint,
    operation,
    format,
    requestedModel: '',
    stream: false,
    status: 0,
    errorType: null,
    errorMessage: null,
    attempts: 0,
  };
}

/** The request id the client sees (`x-gateway-request-id`, the access log): its own when it sent one. */
export function publicRequestId(call: ProxyCall): string {
  return call.clientRequestId ?? call.requestId;
}
