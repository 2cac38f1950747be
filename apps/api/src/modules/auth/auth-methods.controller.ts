import { Controller, Get, Inject } from '@nestjs/common';
import type { AuthMethods } from '@gateway/contracts';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** What the sign-in page offers; read from the boot configuration only. */
@Controller('auth')
export class AuthMethodsController {
  private readonly methods: AuthMethods;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.methods = {
      anonymous: config.access.signupMode === 'open',
      password: true,
      sso: config.oidc
        ? { enabled: true, ...(config.oidc.displayName ? { name: config.oidc.displayName } : {}) }
        : { enabled: false },
      signup_mode: config.access.signupMode,
    };
  }

  @Get('methods')
  get(): AuthMethods {
    return this.methods;
  }
}
