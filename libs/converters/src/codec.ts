// The shape every wire format implements, once, in its own folder (`<format>/codec.ts`). `index.ts` holds
// one table of these keyed by WireFormat; the compiler rejects a format without a codec or a codec missing
// a field, so adding a format is one folder plus one table entry.
import type {
  CanonicalError,
  CanonicalParam,
  CanonicalRequest,
  CanonicalResponse,
  CanonicalUsage,
  ConvertContext,
  FromCanonicalRequestResult,
  StreamDecoder,
  StreamEncoder,
  StreamEncoderOptions,
  WireFormat,
} from './canonical/types';
import type { ToolNameRule } from './shared/ids';
import type { Json } from './shared/json';

/** The name a format's clients use for each canonical parameter (to report dropped ones in their terms). */
export type ParamNames = Readonly<Record<CanonicalParam, string>>;

export interface RequestCodec {
  /** Client body -> canonical. Throws InvalidRequestError (400) with a clear message on bad input. */
  toCanonical(body: unknown): CanonicalRequest;
  /**
   * Canonical -> upstream body of this format. `clientParams` names the parameters as the client sent
   * them (the source format's `params`), for the list of those this format cannot honour.
   */
  fromCanonical(
    req: CanonicalRequest,
    ctx: ConvertContext,
    clientParams: ParamNames,
  ): FromCanonicalRequestResult;
}

export interface ResponseCodec {
  toCanonical(body: unknown): CanonicalResponse;
  fromCanonical(res: CanonicalResponse, ctx: ConvertContext): Json;
}

export interface StreamCodec {
  /** Incremental decoder of this format's upstream stream; one instance per request. */
  decoder(): StreamDecoder;
  /** Incremental encoder to this format's client framing; one instance per request. */
  encoder(opts: StreamEncoderOptions): StreamEncoder;
}

export interface ErrorCodec {
  /** Upstream error (status + body object or JSON text) -> canonical. Retry-after stays with the caller. */
  toCanonical(status: number, body: unknown): CanonicalError;
  /** Canonical error -> the status and body this format's clients expect (529 <-> 503, 429 kept). */
  fromCanonical(err: CanonicalError): { status: number; body: Json };
  /** An error after the 200 was sent, framed the way this format's SDK recognises it. */
  encodeStream(err: CanonicalError, sequenceNumber?: number): string;
}

/**
 * Token usage of this format's answers, in canonical (OpenAI) semantics: input includes cached reads and
 * writes, output includes reasoning. The one reader for converted and pass-through traffic alike.
 */
export interface UsageCodec {
  /** The substring every usage-carrying stream event contains: other events need not be parsed. */
  readonly marker: string;
  /** Usage of a whole (non-streamed) response body; undefined when it carries none. */
  fromBody(body: unknown): CanonicalUsage | undefined;
  /**
   * Usage carried by one parsed stream event, merged with what earlier events reported (Anthropic's
   * message_delta repeats only what changed); undefined for events without usage.
   */
  fromStreamEvent(event: unknown, previous?: CanonicalUsage): CanonicalUsage | undefined;
  /** Canonical usage in this format's response shape. */
  toWire(usage: CanonicalUsage): Json;
}

/** Edits a client's own body before any conversion (key policies), in this format's field names. */
export interface BodyCodec {
  readonly params: ParamNames;
  /** Top-level fields that carry prompt text (messages, system, tools...), for pre-send token estimates. */
  readonly promptFields: readonly string[];
  /** A key's system prompt, put ahead of the client's own instructions. */
  injectSystemPrompt(body: Json, prompt: string): Json;
  /** The output-token limit the client asked for; undefined when none. */
  requestedMaxTokens(body: Json): number | undefined;
  /** The end user the client names in the body (OpenAI `user`, Anthropic `metadata.user_id`); undefined when none. */
  endUser(body: Json): string | undefined;
  /** Lowers the client's output limit to `maxTokens`, or sets it when the client sent none. */
  withMaxTokens(body: Json, maxTokens: number): Json;
}

/** Everything the gateway knows about one wire format. */
export interface WireCodec<F extends WireFormat = WireFormat> {
  readonly format: F;
  readonly request: RequestCodec;
  readonly response: ResponseCodec;
  readonly stream: StreamCodec;
  readonly errors: ErrorCodec;
  readonly usage: UsageCodec;
  readonly body: BodyCodec;
  /** Which tool names this format accepts; others are rewritten and mapped back in the answer. */
  readonly toolNames: ToolNameRule;
}

/** The codec table: one entry per WireFormat, each holding its own format's codec. */
export type CodecTable = { readonly [F in WireFormat]: WireCodec<F> };
