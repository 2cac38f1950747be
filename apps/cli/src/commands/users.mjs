import { Option } from 'commander';
import { run } from '../context.mjs';
import { UsageError } from '../errors.mjs';
import { readStdinLine } from '../parse.mjs';
import { note, print, printFields, printJson } from '../output.mjs';

/** @param {import('commander').Command} program */
export function registerUsers(program) {
  const users = program
    .command('users')
    .description('users: anonymous (join) or with email and password');

  users
    .command('join')
    .description('create an anonymous user and print its id (use it as GATEWAY_USER_ID)')
    .action(
      run(async ({ client, json }) => {
        const { body } = await client.request('POST', '/auth/join', { auth: false });
        if (json) return printJson(body);
        printFields([
          ['id', body.id],
          ['username', body.username],
        ]);
        note(`reuse it: export GATEWAY_USER_ID=${body.id}`);
      }),
    );

  users
    .command('me')
    .description('show the user the credentials belong to')
    .action(
      run(async ({ client, json }) => {
        const { body } = await client.request('GET', '/auth/me');
        if (json) return printJson(body);
        printFields([
          ['id', body.id],
          ['username', body.username],
          ['email', body.email],
        ]);
      }),
    );

  withPassword(
    users
      .command('register')
      .description('create a user with email and password; prints a session token')
      .requiredOption('--email <email>', 'email address')
      .option('--invite <token>', 'invitation token (servers with SIGNUP_MODE=invite)'),
  ).action(run((ctx) => session(ctx, '/auth/register')));

  withPassword(
    program
      .command('login')
      .description('sign in with email and password; prints `export GATEWAY_TOKEN=…`')
      .requiredOption('--email <email>', 'email address'),
  ).action(run((ctx) => session(ctx, '/auth/login')));
}

/** @param {import('commander').Command} cmd */
function withPassword(cmd) {
  return cmd
    .addOption(new Option('--password <password>', 'password').env('GATEWAY_PASSWORD'))
    .option('--password-stdin', 'read the password from the first line of stdin');
}

/**
 * Register or log in. People get an `export` line on stdout (so `eval "$(llm-gateway login …)"` works);
 * --json prints the API's `{user, token}`.
 * @param {import('../context.mjs').Context} ctx
 * @param {string} path
 */
async function session({ client, json, opts }, path) {
  const password = opts.passwordStdin ? readStdinLine() : opts.password;
  if (!password)
    throw new UsageError(
      'a password is required: --password, GATEWAY_PASSWORD or --password-stdin',
    );
  const { body } = await client.request('POST', path, {
    auth: false,
    body: { email: opts.email, password, ...(opts.invite ? { invite_token: opts.invite } : {}) },
  });
  if (json) return printJson(body);
  print(`export GATEWAY_TOKEN=${body.token}`);
  note(`signed in as ${body.user.email} (user ${body.user.id})`);
}
