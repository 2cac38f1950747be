// A real OpenID Connect provider (npm oidc-provider) for the SSO tests, run as a child process:
//   OIDC_TEST_CLIENT_ID=… OIDC_TEST_CLIENT_SECRET=… OIDC_TEST_REDIRECT_URIS=<url>[,<url>] node oidc-test-provider.mjs
// It prints `READY <issuer>` once listening (PORT, default a free one, on 127.0.0.1).
//
// One static confidential client with PKCE required. Anyone may sign in: the login page asks for an
// email only, and the account is that email (sub derived from it). Addresses whose local part starts
// with `unverified` come with email_verified=false. Consent is granted at once.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const clientId = process.env.OIDC_TEST_CLIENT_ID ?? 'gateway';
const clientSecret = process.env.OIDC_TEST_CLIENT_SECRET ?? 'gateway-test-secret';
const redirectUris = (process.env.OIDC_TEST_REDIRECT_URIS ?? '').split(',').filter(Boolean);
if (redirectUris.length === 0) throw new Error('OIDC_TEST_REDIRECT_URIS is required');

const emails = new Map(); // accountId → email

function accountIdFor(email) {
  const id = `user-${createHash('sha256').update(email).digest('hex').slice(0, 16)}`;
  emails.set(id, email);
  return id;
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, clientName, error) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Test IdP sign-in</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#eef2ff}
form{display:flex;flex-direction:column;gap:.75rem;padding:1.5rem;background:#fff;border-radius:.5rem;min-width:18rem}
button{padding:.5rem;background:#4338ca;color:#fff;border:0;border-radius:.25rem}</style></head>
<body><form method="post" action="/interaction/${escape(uid)}/login" data-testid="idp-login-form">
<h1>Test IdP</h1><p>Sign in to ${escape(clientName)}</p>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<label>Email <input name="email" type="email" required autofocus data-testid="idp-email"></label>
<button type="submit" data-testid="idp-submit">Sign in</button></form></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const server = createServer();
await new Promise((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      client_name: 'LLM Gateway',
      redirect_uris: redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  async findAccount(_ctx, accountId) {
    const email = emails.get(accountId);
    if (!email) return undefined;
    return {
      accountId,
      async claims() {
        const local = email.split('@')[0];
        return {
          sub: accountId,
          email,
          email_verified: !local.startsWith('unverified'),
          name: local.replace(/[-._]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
        };
      },
    };
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
});

/** Grants what the client asked for, so no consent screen is needed. */
async function grantAll(details, accountId) {
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope ?? 'openid'));
  const missingClaims = details.prompt.details?.missingOIDCClaims;
  if (missingClaims) grant.addOIDCClaims(missingClaims);
  return grant.save();
}

const callback = provider.callback();
server.on('request', async (req, res) => {
  const m = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? '');
  if (!m) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'POST' && m[2]) {
      const email = (await readForm(req)).get('email')?.trim().toLowerCase();
      if (!email || !email.includes('@')) {
        res.writeHead(400, { 'content-type': 'text/html' });
        return res.end(loginPage(m[1], 'LLM Gateway', 'Enter an email address'));
      }
      const accountId = accountIdFor(email);
      const grantId = await grantAll(details, accountId);
      return await provider.interactionFinished(
        req,
        res,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    }
    if (details.prompt.name === 'consent') {
      const grantId = await grantAll(details, details.session.accountId);
      return await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        {
          mergeWithLastSubmission: true,
        },
      );
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginPage(details.uid, 'LLM Gateway'));
  } catch (err) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`interaction failed: ${err.message}`);
  }
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.stdout.write(`READY ${issuer}\n`);
