import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { registerAnalytics } from './commands/analytics.mjs';
import { registerDoctor } from './commands/doctor.mjs';
import { registerExport } from './commands/export.mjs';
import { registerGateways } from './commands/gateways.mjs';
import { registerKeys } from './commands/keys.mjs';
import { registerProviders } from './commands/providers.mjs';
import { registerRouting } from './commands/routing.mjs';
import { registerUsers } from './commands/users.mjs';
import { ApiError, CheckFailed, ConnectError, EXIT, UsageError } from './errors.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const EPILOGUE = `
Credentials (flags win over the environment):
  GATEWAY_URL        the running gateway (default http://localhost:3000)
  ADMIN_API_KEY      operator key, sent as "Authorization: Bearer"
  GATEWAY_TOKEN      session token from \`llm-gateway login\`, sent as "Authorization: Bearer"
  GATEWAY_USER_ID    user id from \`llm-gateway users join\`, sent as "x-user-id"
  GATEWAY_ID         default for --gateway
With no credentials, \`gateways create\` first creates an anonymous user and prints its id.

Output: tables for people; --json prints the API's JSON. Errors go to stderr as one line,
"error: <message> (HTTP <status>)".

Exit codes:
  0  success
  1  the API answered with an error (4xx/5xx), or a check/test failed
  2  usage error: unknown command or flag, bad value, missing credentials
  3  cannot connect to GATEWAY_URL (refused, DNS, TLS, timeout)

Examples:
  npx llm-gateway gateways create --name my-app --json
  npx llm-gateway keys create --gateway <id> --name ci --models gpt-4o-mini --limit rpm=60
  npx llm-gateway analytics summary --gateway <id> --days 7
  npx llm-gateway doctor`;

export function buildProgram() {
  const program = new Command('llm-gateway');
  program
    .description(
      'Manage a running LLM gateway: users, gateways, keys, providers, routing, analytics.',
    )
    .version(version, '-V, --version')
    .addOption(new Option('--url <url>', 'gateway base URL').env('GATEWAY_URL'))
    .addOption(new Option('--admin-key <key>', 'operator API key').env('ADMIN_API_KEY'))
    .addOption(new Option('--token <token>', 'session token (from `login`)').env('GATEWAY_TOKEN'))
    .addOption(new Option('--user <id>', 'user id (from `users join`)').env('GATEWAY_USER_ID'))
    .option('--timeout <ms>', 'request timeout in milliseconds', '30000')
    .option('--json', 'print machine-readable JSON (the API response) instead of tables')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    // Settings above are copied to every subcommand created below.
    .exitOverride()
    .addHelpText('after', EPILOGUE);

  registerUsers(program);
  registerGateways(program);
  registerKeys(program);
  registerProviders(program);
  registerRouting(program);
  registerAnalytics(program);
  registerExport(program);
  registerDoctor(program);
  return program;
}

/**
 * Runs the CLI and returns the exit code (the caller sets process.exitCode).
 * @param {string[]} argv  process.argv
 * @returns {Promise<number>}
 */
export async function main(argv) {
  process.stdout.on('error', (err) => {
    // `llm-gateway … | head`: the reader went away; nothing left to say.
    if (/** @type {NodeJS.ErrnoException} */ (err).code === 'EPIPE') process.exit(EXIT.OK);
  });
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (err) {
    return report(err);
  }
}

/** @param {unknown} err @returns {number} */
function report(err) {
  if (err instanceof CommanderError) {
    // Commander has already printed the message or the help text.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.OK;
    return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (err instanceof ApiError) {
    process.stderr.write(`error: ${oneLine(err.message)} (HTTP ${err.status})\n`);
    return EXIT.API;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`error: ${oneLine(err.message)}\n`);
    return EXIT.USAGE;
  }
  if (err instanceof ConnectError) {
    process.stderr.write(`error: ${oneLine(err.message)}\n`);
    return EXIT.CONNECT;
  }
  if (err instanceof CheckFailed) {
    process.stderr.write(`error: ${oneLine(err.message)}\n`);
    return EXIT.API;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${oneLine(message)}\n`);
  return EXIT.API;
}

/** @param {string} text */
function oneLine(text) {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
