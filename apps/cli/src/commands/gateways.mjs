import { gatewayPath, run } from '../context.mjs';
import { hasCredentials } from '../client.mjs';
import { UsageError } from '../errors.mjs';
import { bool, integer } from '../parse.mjs';
import { note, printFields, printJson, printTable } from '../output.mjs';

/** @param {import('commander').Command} program */
export function registerGateways(program) {
  const gateways = program
    .command('gateways')
    .alias('gateway')
    .description('gateways: projects with their own secret, providers, keys and analytics');

  gateways
    .command('list')
    .description('list your gateways')
    .action(
      run(async ({ client, json }) => {
        const { body } = await client.request('GET', '/gateway/list');
        if (json) return printJson(body);
        printTable(
          body.gateways,
          [
            { header: 'ID', value: (g) => g.id },
            { header: 'NAME', value: (g) => g.name, max: 40 },
            { header: 'CREATED', value: (g) => g.created_at },
          ],
          'No gateways yet: llm-gateway gateways create --name <name>',
        );
      }),
    );

  gateways
    .command('create')
    .description('create a gateway; prints its id and secret')
    .requiredOption('-n, --name <name>', 'gateway name')
    .action(
      run(async ({ client, json, opts }) => {
        /** @type {string | undefined} */
        let joinedUser;
        if (!hasCredentials(client.cfg)) {
          // Local default mode: anonymous users may be created freely, so one command is enough.
          const { body: user } = await client.request('POST', '/auth/join', { auth: false });
          joinedUser = user.id;
          client.cfg.userId = user.id;
          note(`no credentials given: created anonymous user ${user.username} (${user.id})`);
          note(`reuse it: export GATEWAY_USER_ID=${user.id}`);
        }
        const { body } = await client.request('POST', '/gateway/create', {
          body: { name: opts.name },
        });
        const out = joinedUser ? { ...body, user_id: joinedUser } : body;
        if (json) return printJson(out);
        printFields([
          ['id', body.gateway_id],
          ['name', opts.name],
          ['secret', body.secret],
          ...(joinedUser ? /** @type {[string, string][]} */ ([['user_id', joinedUser]]) : []),
        ]);
        note(
          `use the secret as the API key of any OpenAI, Anthropic or Gemini SDK, base URL ${client.urlFor('/v1').href}`,
        );
      }),
    );

  gateways
    .command('show')
    .argument('<id>', 'gateway id')
    .description("show a gateway's name and secret")
    .action(
      run(async ({ client, json }, [id]) => {
        const { body } = await client.request('GET', gatewayPath(id, '/credentials'));
        if (json) return printJson(body);
        printCredentials(body);
      }),
    );

  gateways
    .command('rotate')
    .alias('regenerate')
    .argument('<id>', 'gateway id')
    .description('replace the secret; the old one is refused from the next request on')
    .action(
      run(async ({ client, json }, [id]) => {
        const { body } = await client.request('POST', gatewayPath(id, '/regenerate'));
        if (json) return printJson(body);
        printCredentials(body);
        note('the previous secret no longer works');
      }),
    );

  gateways
    .command('rename')
    .argument('<id>', 'gateway id')
    .requiredOption('-n, --name <name>', 'new name')
    .description('rename a gateway')
    .action(
      run(async ({ client, json, opts }, [id]) => {
        const { body } = await client.request('PATCH', gatewayPath(id), {
          body: { name: opts.name },
        });
        if (json) return printJson(body);
        printFields([
          ['id', body.id],
          ['name', body.name],
          ['created_at', body.created_at],
        ]);
      }),
    );

  gateways
    .command('settings')
    .argument('<id>', 'gateway id')
    .option('--log-bodies <bool>', 'store request and response bodies with analytics', bool)
    .option(
      '--responses-retention-days <days>',
      'keep Responses API answers this many days (0: keep none)',
      integer(0, 3650),
    )
    .description("show a gateway's settings, or change them")
    .action(
      run(async ({ client, json, opts }, [id]) => {
        const patch = {
          log_bodies: opts.logBodies,
          responses_retention_days: opts.responsesRetentionDays,
        };
        const { body } =
          opts.logBodies === undefined && opts.responsesRetentionDays === undefined
            ? await client.request('GET', gatewayPath(id, '/settings'))
            : await client.request('PATCH', gatewayPath(id, '/settings'), { body: patch });
        if (json) return printJson(body);
        printFields(Object.entries(body));
      }),
    );

  gateways
    .command('delete')
    .argument('<id>', 'gateway id')
    .option('-y, --yes', 'confirm: the gateway, its keys and providers are deleted')
    .description('delete a gateway')
    .action(
      run(async ({ client, opts }, [id]) => {
        if (!opts.yes) throw new UsageError(`deleting gateway ${id} needs --yes`);
        await client.request('DELETE', gatewayPath(id));
        note(`deleted gateway ${id}`);
      }),
    );
}

/** @param {{ gateway_id: string, name: string, secret: string }} body */
function printCredentials(body) {
  printFields([
    ['id', body.gateway_id],
    ['name', body.name],
    ['secret', body.secret],
  ]);
}
