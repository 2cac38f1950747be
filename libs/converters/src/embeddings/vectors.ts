// OpenAI's `encoding_format: "base64"`: each vector as the base64 of its little-endian float32 bytes
// (what the openai SDK asks for by default and decodes with Float32Array).
import { UpstreamAnswerError } from '../canonical/errors';

export function vectorToBase64(values: readonly number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeFloatLE(values[i], i * 4);
  return bytes.toString('base64');
}

export function vectorFromBase64(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0)
    throw new UpstreamAnswerError('a base64 embedding is not a whole number of float32 values');
  const out = new Array<number>(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

/** A vector as an upstream sent it: a float array, or base64 float32. */
export function readVector(v: unknown): number[] {
  if (typeof v === 'string') return vectorFromBase64(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  throw new UpstreamAnswerError('the upstream answered an embedding that is not a vector');
}
