import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Session } from '@gateway/contracts';
import { InvalidRequestError } from '../../common/domain-errors';
import type { SecretBox } from '../../common/secret-box';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG, SECRET_BOX } from '../../config/config.module';
import { OIDC_CALLBACK_PATH, type OidcConfig } from '../../config/oidc-config';
import { AuthService } from '../auth/auth.service';
import { Authenticator } from '../auth/authenticator';
import type { UserDto } from '../auth/dto/credentials.dto';
import { TeamsService } from '../teams/teams.service';
import { OidcClient, loadOpenIdClient, type LoginChecks } from './oidc-client';
import {
  HANDOFF_COOKIE,
  HANDOFF_TTL_MS,
  LOGIN_COOKIE,
  LOGIN_TTL_MS,
  clearCookie,
  parseCookies,
  seal,
  setCookie,
  unseal,
  type CookieScope,
} from './sso-cookies';
import {
  checkAdmission,
  decideAccount,
  identityFromClaims,
  type SsoIdentity,
  type SsoPolicy,
} from './sso-policy';
import { SsoRepository } from './sso.repository';
import { SsoError } from './sso.errors';

export interface Redirect {
  location: string;
  cookies: string[];
}

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  return e?.code === UNIQUE_VIOLATION || e?.driverError?.code === UNIQUE_VIOLATION;
}

function isLoginChecks(value: unknown): value is LoginChecks {
  const v = value as Partial<LoginChecks> | undefined;
  return (
    typeof v?.state === 'string' &&
    typeof v.nonce === 'string' &&
    typeof v.codeVerifier === 'string'
  );
}

/**
 * OpenID Connect sign-in: login (redirect to the provider, checks sealed in a cookie) → callback
 * (code redeemed, ID token validated, account found, linked or created, session opened and handed to
 * the dashboard in a second sealed cookie) → exchange (the dashboard reads its session token once).
 * Nothing is kept in memory, so any replica can answer any step.
 */
@Injectable()
export class SsoService implements OnModuleInit {
  private readonly logger = new Logger('SSO');
  private readonly oidc?: OidcConfig;
  private readonly client?: OidcClient;
  private readonly policy?: SsoPolicy;
  private readonly scope: CookieScope;
  /** The dashboard's paths, under the same prefix as the callback (a proxy may add one). */
  private readonly dashboard: { signIn: string; complete: string };

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    private readonly auth: AuthService,
    private readonly authenticator: Authenticator,
    private readonly repo: SsoRepository,
    private readonly teams: TeamsService,
  ) {
    this.oidc = config.oidc;
    const callback = new URL(this.oidc?.redirectUrl ?? `http://localhost${OIDC_CALLBACK_PATH}`);
    const prefix = callback.pathname.slice(0, -OIDC_CALLBACK_PATH.length);
    this.scope = { path: `${prefix}/auth/oidc`, secure: callback.protocol === 'https:' };
    this.dashboard = { signIn: `${prefix}/sign-in`, complete: `${prefix}/sign-in/sso` };
    if (this.oidc) {
      this.client = new OidcClient(this.oidc);
      this.policy = { ...this.oidc, signupMode: config.access.signupMode };
    }
  }

  /** A broken install of the client library stops the boot instead of the first sign-in. */
  async onModuleInit(): Promise<void> {
    if (this.client) await loadOpenIdClient();
  }

  get signInPath(): string {
    return this.dashboard.signIn;
  }

  /** GET /auth/oidc/login: where to send the browser, and the cookie that remembers the checks. */
  async begin(now = Date.now()): Promise<Redirect> {
    const client = this.requireClient();
    const checks = await client.newChecks();
    const location = await client.authorizationUrl(checks);
    const sealed = seal(this.box, LOGIN_COOKIE, checks, LOGIN_TTL_MS, now);
    return { location, cookies: [setCookie(LOGIN_COOKIE, sealed, LOGIN_TTL_MS, this.scope)] };
  }

  /** The cookie that ends the login attempt, set on every callback answer (success or not). */
  get clearLoginCookie(): string {
    return clearCookie(LOGIN_COOKIE, this.scope);
  }

  /** GET /auth/oidc/callback?code&state: a session for the person the provider vouches for. */
  async complete(
    query: string,
    cookieHeader: string | undefined,
    now = Date.now(),
  ): Promise<Redirect> {
    const client = this.requireClient();
    const checks = unseal(this.box, LOGIN_COOKIE, parseCookies(cookieHeader)[LOGIN_COOKIE], now);
    if (!isLoginChecks(checks)) {
      throw SsoError.badState('This sign-in expired or was started in another browser');
    }
    if (new URLSearchParams(query).get('state') !== checks.state) {
      throw SsoError.badState('The sign-in response does not belong to this browser');
    }
    const identity = identityFromClaims(await client.redeem(query, checks));
    checkAdmission(identity, this.policy!);
    const userId = await this.accountFor(identity, new Date(now));
    const session = await this.auth.startSession(userId);
    const sealed = seal(this.box, HANDOFF_COOKIE, session.token, HANDOFF_TTL_MS, now);
    return {
      location: this.dashboard.complete,
      cookies: [
        this.clearLoginCookie,
        setCookie(HANDOFF_COOKIE, sealed, HANDOFF_TTL_MS, this.scope),
      ],
    };
  }

  /** POST /auth/oidc/exchange: the session the callback opened, handed to the dashboard once. */
  async exchange(cookieHeader: string | undefined, now = Date.now()): Promise<Session> {
    this.requireClient();
    const token = unseal(this.box, HANDOFF_COOKIE, parseCookies(cookieHeader)[HANDOFF_COOKIE], now);
    if (typeof token !== 'string') {
      throw new InvalidRequestError('No single sign-on to complete: sign in again');
    }
    // As if from a query string: a session token only, never the admin key.
    const { id } = await this.authenticator.authenticate({ bearer: token, bearerInQuery: true });
    return { user: await this.auth.me(id), token };
  }

  get clearHandoffCookie(): string {
    return clearCookie(HANDOFF_COOKIE, this.scope);
  }

  /** Two first sign-ins of one person at once: the loser of the insert race reads the winner's row. */
  private async accountFor(identity: SsoIdentity, now: Date): Promise<string> {
    try {
      return await this.findOrCreate(identity, now);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.findOrCreate(identity, now);
    }
  }

  private async findOrCreate(identity: SsoIdentity, now: Date): Promise<string> {
    const { issuer, subject, email } = identity;
    const linked = await this.repo.findBySubject(issuer, subject);
    const holder = !linked && email ? await this.auth.findAccountByEmail(email) : null;
    // This very identity, linked since `findBySubject` by a concurrent first sign-in, is not elsewhere.
    const holderLink = holder && (await this.repo.findByUserAtIssuer(holder.id, issuer));
    const decision = decideAccount(
      identity,
      {
        linkedUserId: linked?.userId ?? null,
        sameEmail: holder && {
          userId: holder.id,
          linkedElsewhere: !!holderLink && holderLink.subject !== subject,
        },
      },
      this.policy!,
    );
    switch (decision.action) {
      case 'sign-in':
        await this.repo.touch(linked!.id, email, now);
        return decision.userId;
      case 'link':
        return this.repo.link({ userId: decision.userId, issuer, subject, email }, now);
      case 'create': {
        const user = await this.auth.createSsoAccount(email!, identity.name);
        const userId = await this.repo.link({ userId: user.id, issuer, subject, email }, now);
        await this.joinDefaultTeam(user);
        return userId;
      }
    }
  }

  /**
   * OIDC_DEFAULT_TEAM, for accounts single sign-on creates only (a linked password account keeps its
   * teams). A team that does not exist is not created, and does not stop the sign-in.
   */
  private async joinDefaultTeam(user: UserDto): Promise<void> {
    const { defaultTeam, defaultRole } = this.oidc!;
    if (!defaultTeam) return;
    if (await this.teams.joinOnSignUp(user, defaultTeam, defaultRole)) return;
    this.logger.warn(
      `OIDC_DEFAULT_TEAM=${JSON.stringify(defaultTeam)} names no shared team (by id, or by exact name): new account ${user.id} joined no team`,
    );
  }

  private requireClient(): OidcClient {
    if (!this.client) throw SsoError.notConfigured();
    return this.client;
  }
}
