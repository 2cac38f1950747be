import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

// JSON of responses and input items compresses 4-10× (repeated keys, prose). zlib runs on libuv's
// thread pool, so neither direction blocks the event loop; level 6 is zlib's default balance.

/** JSON text and its gzip bytes. */
export async function pack(value: unknown): Promise<{ bytes: Buffer; size: number }> {
  const json = JSON.stringify(value);
  return { bytes: await gzipAsync(json), size: Buffer.byteLength(json) };
}

export async function unpack<T>(bytes: Buffer): Promise<T> {
  return JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as T;
}
