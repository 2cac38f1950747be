// OpenAI embeddings https://platform.openai.com/docs/api-reference/embeddings/create — also the shape
// of Azure, Mistral, Together, Jina, Voyage and Cohere's compatibility API (field renames per provider).
import { InvalidRequestError, UpstreamAnswerError } from '../canonical/errors';
import { asArray, asRecord, isRecord, num, str, type Json } from '../shared/json';
import type {
  CanonicalEmbeddingRequest,
  CanonicalEmbeddingResponse,
  EmbeddingUpstreamBody,
} from './types';
import { readVector, vectorToBase64 } from './vectors';

// https://platform.openai.com/docs/api-reference/embeddings/create#embeddings-create-input
const MAX_INPUTS = 2048;

const isTokenArray = (v: unknown): v is number[] =>
  Array.isArray(v) && v.length > 0 && v.every((t) => Number.isInteger(t) && (t as number) >= 0);

/** `input` as a list: one string, strings, one token array or token arrays (never mixed). */
function readInputs(input: unknown): string[] | number[][] {
  if (typeof input === 'string') {
    if (input === '') throw new InvalidRequestError("'input' cannot be an empty string", 'input');
    return [input];
  }
  if (!Array.isArray(input) || input.length === 0) {
    throw new InvalidRequestError(
      "'input' must be a string, an array of strings, or an array of token arrays",
      'input',
    );
  }
  if (input.length > MAX_INPUTS)
    throw new InvalidRequestError(`'input' may hold at most ${MAX_INPUTS} entries`, 'input');
  if (input.every((v) => typeof v === 'string')) {
    if (input.some((v) => v === ''))
      throw new InvalidRequestError("'input' cannot contain an empty string", 'input');
    return input;
  }
  if (isTokenArray(input)) return [input];
  if (input.every(isTokenArray)) return input;
  throw new InvalidRequestError(
    "'input' must be a string, an array of strings, or an array of token arrays",
    'input',
  );
}

/** A client's OpenAI embeddings body -> canonical. Throws InvalidRequestError (400) on bad input. */
export function openAIEmbeddingsToCanonical(body: Json): CanonicalEmbeddingRequest {
  const encoding = body.encoding_format ?? 'float';
  if (encoding !== 'float' && encoding !== 'base64') {
    throw new InvalidRequestError(
      "'encoding_format' must be 'float' or 'base64'",
      'encoding_format',
    );
  }
  const dimensions = body.dimensions;
  if (dimensions !== undefined && (!Number.isInteger(dimensions) || (dimensions as number) < 1)) {
    throw new InvalidRequestError("'dimensions' must be a positive integer", 'dimensions');
  }
  return {
    model: str(body.model) ?? '',
    inputs: readInputs(body.input),
    dimensions: dimensions as number | undefined,
    encoding,
    user: str(body.user),
  };
}

/**
 * Canonical -> an OpenAI-shaped upstream body. `renames` maps OpenAI field names to the provider's own
 * (`ProviderSpec.embeddingParams`); `encoding` is what the gateway wants back (floats when it converts).
 */
export function openAIEmbeddingsFromCanonical(
  req: CanonicalEmbeddingRequest,
  opts: { renames?: Readonly<Record<string, string>>; encoding?: 'float' | 'base64' } = {},
): EmbeddingUpstreamBody {
  const fields: Json = {
    model: req.model,
    input: req.inputs.length === 1 ? req.inputs[0] : req.inputs,
    encoding_format: opts.encoding ?? req.encoding,
    dimensions: req.dimensions,
    user: req.user,
  };
  const body: Json = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) body[opts.renames?.[name] ?? name] = value;
  }
  const droppedParams = [
    req.taskType !== undefined ? 'taskType' : undefined,
    req.title !== undefined ? 'title' : undefined,
  ].filter((p): p is string => p !== undefined);
  return { body, droppedParams };
}

/** An OpenAI-shaped embeddings answer (float or base64 vectors) -> canonical. */
export function openAIEmbeddingsResponseToCanonical(body: unknown): CanonicalEmbeddingResponse {
  const data = asArray(asRecord(body).data);
  if (data.length === 0 && !Array.isArray(asRecord(body).data))
    throw new UpstreamAnswerError('the embeddings answer has no data array');
  const vectors: number[][] = [];
  for (const item of data) {
    const entry = asRecord(item);
    vectors[num(entry.index) ?? vectors.length] = readVector(entry.embedding);
  }
  const usage = asRecord(asRecord(body).usage);
  return {
    model: str(asRecord(body).model),
    vectors,
    inputTokens: num(usage.prompt_tokens) ?? num(usage.total_tokens),
  };
}

/** Canonical -> the OpenAI answer the client's SDK reads, vectors encoded as it asked. */
export function openAIEmbeddingsResponseFromCanonical(
  res: CanonicalEmbeddingResponse,
  ctx: { requestedModel: string; encoding: 'float' | 'base64'; inputTokens: number },
): Json {
  return {
    object: 'list',
    data: res.vectors.map((v, index) => ({
      object: 'embedding',
      index,
      embedding: ctx.encoding === 'base64' ? vectorToBase64(v) : v,
    })),
    model: ctx.requestedModel,
    usage: { prompt_tokens: ctx.inputTokens, total_tokens: ctx.inputTokens },
  };
}

/** Prompt tokens of an OpenAI-shaped embeddings answer, when it reports them. */
export function openAIEmbeddingsUsage(body: unknown): number | undefined {
  if (!isRecord(body)) return undefined;
  const usage = asRecord(body.usage);
  return num(usage.prompt_tokens) ?? num(usage.total_tokens);
}
