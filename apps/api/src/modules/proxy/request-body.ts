import { InvalidRequestError } from '../../common/domain-errors';
import { exceedsDepth, MAX_JSON_DEPTH } from '../../common/input-guards';
import type { ProxyExchange } from './proxy-exchange';

/**
 * Parse step: the body as a JSON object, the model (from the body, or Gemini's URL) and the
 * streaming choice, recorded on the call.
 */
export function parseRequest(ex: ProxyExchange): { body: Record<string, unknown>; model: string } {
  const { input, call } = ex;
  const body = parseJsonBody(input.rawBody);
  const model = input.format === 'gemini' ? input.pathModel : body.model;
  if (typeof model !== 'string' || model.trim() === '') {
    throw new InvalidRequestError('you must provide a model parameter', 'model');
  }
  call.requestedModel = model;
  assertStreamFlag(input.format, body);
  call.stream = input.format === 'gemini' ? input.pathStream === true : body.stream === true;
  ex.body = body;
  return { body, model };
}

export function parseJsonBody(raw: Buffer | undefined): Record<string, unknown> {
  if (!raw || raw.length === 0)
    throw new InvalidRequestError('The request body is empty: send a JSON object');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new InvalidRequestError(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidRequestError('The request body must be a JSON object');
  }
  // Converters, token estimates and schema cleaning recurse: bound the nesting before any of them.
  if (exceedsDepth(parsed)) {
    throw new InvalidRequestError(
      `The request body nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
    );
  }
  return parsed as Record<string, unknown>;
}

/**
 * `stream` decides how the answer is read: a truthy non-boolean (`"yes"`, `1`) would make the
 * upstream stream while the gateway waits for JSON. Gemini takes it from the URL instead.
 */
function assertStreamFlag(format: string, body: Record<string, unknown>): void {
  const stream = body.stream;
  if (
    format !== 'gemini' &&
    stream !== undefined &&
    stream !== null &&
    typeof stream !== 'boolean'
  ) {
    throw new InvalidRequestError('stream must be a boolean', 'stream');
  }
}

/** Catalog modes chat requests accept. */
export const CHAT_MODES: readonly string[] = ['chat', 'responses'];

/**
 * The model must be of a kind the endpoint serves; 'unknown' is a gateway provider's own model the
 * catalog does not know, taken at the operator's word.
 */
export function assertModelMode(
  mode: string,
  modes: readonly string[],
  model: string,
  kind: string,
): void {
  if (mode !== 'unknown' && !modes.includes(mode)) {
    throw new InvalidRequestError(`The model '${model}' is a ${mode} model, not ${kind}`, 'model');
  }
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function safeJson(text: string): Record<string, any> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}
