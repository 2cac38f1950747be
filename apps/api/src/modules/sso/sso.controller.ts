import { Controller, Get, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import type { Session } from '@gateway/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/domain-errors';
import { SSO_PAGE_CSP, ssoFailurePage } from './sso-page';
import { SsoService, type Redirect } from './sso.service';

function queryOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? '' : url.slice(q + 1);
}

/**
 * The browser's side of single sign-on. Login and callback are page navigations: a failure answers
 * with a short HTML page (JSON when the client does not ask for HTML) and the right 4xx/5xx status.
 */
@Controller('auth/oidc')
export class SsoController {
  private readonly logger = new Logger('SSO');

  constructor(private readonly sso: SsoService) {}

  @Get('login')
  async login(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.navigate(req, reply, [], () => this.sso.begin());
  }

  @Get('callback')
  async callback(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.navigate(req, reply, [this.sso.clearLoginCookie], () =>
      this.sso.complete(queryOf(req.url), req.headers.cookie),
    );
  }

  @Post('exchange')
  @HttpCode(200)
  async exchange(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Session> {
    const session = await this.sso.exchange(req.headers.cookie);
    void reply
      .header('set-cookie', this.sso.clearHandoffCookie)
      .header('cache-control', 'no-store');
    return session;
  }

  private async navigate(
    req: FastifyRequest,
    reply: FastifyReply,
    cookiesOnFailure: string[],
    step: () => Promise<Redirect>,
  ): Promise<void> {
    void reply.header('cache-control', 'no-store');
    let next: Redirect;
    try {
      next = await step();
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.logger[err.status >= 500 ? 'warn' : 'log'](`Sign-in stopped: ${err.message}`);
      if (cookiesOnFailure.length) void reply.header('set-cookie', cookiesOnFailure);
      const wantsHtml = (req.headers.accept ?? '').includes('text/html');
      if (!wantsHtml) {
        void reply
          .status(err.status)
          .send({ error: { message: err.message, type: err.code, code: err.code } });
        return;
      }
      void reply
        .status(err.status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', SSO_PAGE_CSP)
        .send(ssoFailurePage(err.message, this.sso.signInPath));
      return;
    }
    void reply.header('set-cookie', next.cookies).redirect(next.location, 303);
  }
}
