import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Option } from 'commander';
import { gatewayOption, run } from '../context.mjs';
import { isoDate } from '../parse.mjs';
import { note } from '../output.mjs';
import { analyticsPath } from './analytics.mjs';

/** @param {import('commander').Command} program */
export function registerExport(program) {
  program
    .command('export')
    .addOption(gatewayOption())
    .addOption(
      new Option('--format <format>', 'csv or json (--json alone means json)').choices([
        'csv',
        'json',
      ]),
    )
    .option('--from <date>', 'start, ISO 8601 (default: 24 hours before --to)', isoDate)
    .option('--to <date>', 'end, ISO 8601 (default: now)', isoDate)
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .description("export a gateway's requests as CSV or JSON")
    .action(
      run(async ({ client, json, opts }) => {
        const format = opts.format ?? (json ? 'json' : 'csv');
        const { body: res } = await client.request('GET', analyticsPath(opts.gateway, '/export'), {
          query: { format, from: opts.from, to: opts.to },
          stream: true,
        });
        const response = /** @type {Response} */ (res);
        const source = response.body
          ? Readable.fromWeb(
              /** @type {import('node:stream/web').ReadableStream} */ (response.body),
            )
          : Readable.from([]);
        if (!opts.out) {
          await pipeline(source, process.stdout, { end: false }).catch(interrupted);
          return;
        }
        // Written beside the target and renamed at the end: a failed export never leaves a truncated file.
        const partial = `${opts.out}.partial`;
        try {
          await pipeline(source, createWriteStream(partial)).catch(interrupted);
          await rename(partial, opts.out);
        } catch (err) {
          await rm(partial, { force: true });
          throw err;
        }
        note(`wrote ${format.toUpperCase()} export to ${opts.out}`);
      }),
    );
}

/** @param {unknown} err @returns {never} */
function interrupted(err) {
  const e = /** @type {Error & { cause?: { code?: string } }} */ (err);
  throw new Error(`export interrupted: ${e.cause?.code ?? e.message}`);
}
