// Gemini embeddings https://ai.google.dev/api/embeddings — `:embedContent` (one content, one vector)
// and `:batchEmbedContents` (what @google/genai's models.embedContent calls). The model is in the URL.
import { InvalidRequestError, UpstreamAnswerError } from '../canonical/errors';
import { asArray, asRecord, isRecord, str, type Json } from '../shared/json';
import type {
  CanonicalEmbeddingRequest,
  CanonicalEmbeddingResponse,
  EmbeddingUpstreamBody,
} from './types';
import { readVector } from './vectors';

export type GeminiEmbedMethod = 'embedContent' | 'batchEmbedContents';

/** The text of one Content: its text parts joined. Other parts have no counterpart elsewhere. */
function contentText(content: unknown, where: string): string {
  if (!isRecord(content)) throw new InvalidRequestError(`${where} must be a Content object`);
  const texts: string[] = [];
  for (const part of asArray(content.parts)) {
    const text = str(asRecord(part).text);
    if (text === undefined) {
      throw new InvalidRequestError(
        `${where}: only text parts can be embedded by a model of another provider`,
      );
    }
    texts.push(text);
  }
  if (texts.length === 0) throw new InvalidRequestError(`${where} has no text to embed`);
  return texts.join('\n');
}

function positiveInt(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || (v as number) < 1)
    throw new InvalidRequestError(`${name} must be a positive integer`, name);
  return v as number;
}

/** A Gemini client's embedContent or batchEmbedContents body -> canonical (text contents only). */
export function geminiEmbeddingsToCanonical(
  method: GeminiEmbedMethod,
  body: Json,
): CanonicalEmbeddingRequest {
  const requests =
    method === 'embedContent' ? [body] : asArray(body.requests).map((r) => asRecord(r));
  if (requests.length === 0)
    throw new InvalidRequestError('requests must hold at least one embed request', 'requests');
  const first = requests[0];
  return {
    model: '',
    inputs: requests.map((r, i) =>
      contentText(r.content, method === 'embedContent' ? 'content' : `requests[${i}].content`),
    ),
    dimensions: positiveInt(first.outputDimensionality, 'outputDimensionality'),
    encoding: 'float',
    taskType: str(first.taskType),
    title: str(first.title),
  };
}

/** Canonical -> a batchEmbedContents body for a Gemini upstream (text inputs only). */
export function geminiEmbeddingsFromCanonical(
  req: CanonicalEmbeddingRequest,
): EmbeddingUpstreamBody {
  const model = req.model.startsWith('models/') ? req.model : `models/${req.model}`;
  const requests = req.inputs.map((input) => {
    if (typeof input !== 'string') {
      throw new InvalidRequestError(
        "Gemini embedding models take text: send 'input' as strings, not token arrays",
        'input',
      );
    }
    const r: Json = { model, content: { parts: [{ text: input }] } };
    if (req.taskType !== undefined) r.taskType = req.taskType;
    if (req.title !== undefined) r.title = req.title;
    if (req.dimensions !== undefined) r.outputDimensionality = req.dimensions;
    return r;
  });
  return { body: { requests }, droppedParams: req.user !== undefined ? ['user'] : [] };
}

/** A Gemini embeddings answer (single or batch) -> canonical. Gemini reports no token usage. */
export function geminiEmbeddingsResponseToCanonical(body: unknown): CanonicalEmbeddingResponse {
  const b = asRecord(body);
  const list = Array.isArray(b.embeddings)
    ? b.embeddings
    : isRecord(b.embedding)
      ? [b.embedding]
      : undefined;
  if (!list) throw new UpstreamAnswerError('the Gemini embeddings answer has no embeddings');
  return { vectors: list.map((e) => readVector(asRecord(e).values)) };
}

/** Canonical -> the answer a Gemini client's method expects. */
export function geminiEmbeddingsResponseFromCanonical(
  method: GeminiEmbedMethod,
  res: CanonicalEmbeddingResponse,
): Json {
  if (method === 'embedContent') return { embedding: { values: res.vectors[0] ?? [] } };
  return { embeddings: res.vectors.map((values) => ({ values })) };
}
