import type { CanonicalUsage } from '@gateway/converters';

/** What is known when a proxied request arrives. */
export interface RequestStart {
  /** The client's wire format (`openai-chat`, `anthropic-messages`, `openai-responses`, `gemini`). */
  format: string;
  /** The route template, e.g. `/v1/chat/completions` (never the query string). */
  endpoint: string;
  /** The incoming headers: a valid `traceparent` (and its `tracestate`) becomes the span's parent. */
  headers: Record<string, string | string[] | undefined>;
}

/** How a proxied request ended: the request span's GenAI and HTTP attributes. */
export interface RequestOutcome {
  requestId: string;
  clientRequestId?: string;
  gatewayId?: string;
  keyId?: string;
  stream: boolean;
  requestedModel: string;
  /** The provider that answered (or was planned), by the gateway's provider id. */
  provider?: string;
  /** The model id sent upstream. */
  responseModel?: string;
  status: number;
  errorType: string | null;
  usage?: CanonicalUsage;
  responseId?: string;
  finishReasons?: string[];
  attempts: number;
  costUsd: number | null;
}

/** One upstream call (a fallback or retry is another). */
export interface AttemptStart {
  provider: string;
  model: string;
  url: URL;
  /** 1 for the first attempt of the request. */
  number: number;
}

export interface AttemptOutcome {
  /** The upstream's HTTP status, when it answered. */
  status?: number;
  /** Why the attempt failed (`timeout`, `connect`, `cancelled`, the status code, …). */
  errorType?: string;
  usage?: CanonicalUsage;
  responseId?: string;
  finishReasons?: string[];
}

/** A proxied request's span (SERVER), parent of one CLIENT span per upstream attempt. */
export interface RequestTrace {
  startAttempt(attempt: AttemptStart): AttemptTrace;
  /** Ends the request span; later calls do nothing. */
  end(outcome: RequestOutcome): void;
}

export interface AttemptTrace {
  /** `traceparent` (and `tracestate`) naming this attempt's span: sent upstream with the request. */
  readonly headers: Readonly<Record<string, string>>;
  /** Ends the attempt span; later calls do nothing. */
  end(outcome: AttemptOutcome): void;
}
