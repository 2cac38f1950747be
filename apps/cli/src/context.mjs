import { Option } from 'commander';
import { GatewayClient, clientConfig } from './client.mjs';

/**
 * What every action gets: the client built from flags and environment, and the output mode.
 * @typedef {object} Context
 * @property {GatewayClient} client
 * @property {boolean} json
 * @property {Record<string, any>} opts   the command's own options merged with the global ones
 */

/**
 * Wraps an action: builds the context from the options (global ones included) and hands over the
 * positional arguments. Errors propagate to `main`, which maps them to exit codes.
 * @param {(ctx: Context, args: string[]) => Promise<void>} fn
 */
export function run(fn) {
  return async (/** @type {any[]} */ ...params) => {
    const cmd = /** @type {import('commander').Command} */ (params.at(-1));
    const opts = cmd.optsWithGlobals();
    const client = new GatewayClient(clientConfig(opts));
    await fn({ client, json: Boolean(opts.json), opts }, /** @type {string[]} */ (cmd.args));
  };
}

/** `--gateway <id>` (or GATEWAY_ID), required by every per-gateway command. */
export function gatewayOption() {
  return new Option('-g, --gateway <id>', 'gateway id').env('GATEWAY_ID').makeOptionMandatory();
}

/** `/gateway/<id>` with the id escaped. @param {string} id @param {string} [rest] */
export function gatewayPath(id, rest = '') {
  return `/gateway/${encodeURIComponent(id)}${rest}`;
}
