import { Global, Module } from '@nestjs/common';
import { ENV_CREDENTIALS, type EnvCredentials } from '../models/env-credentials';
import { UpstreamTargets, authHeaders } from './upstream/upstream-targets';

/** Binds the `EnvCredentials` port to the upstream layer's environment targets, for every module. */
@Global()
@Module({
  providers: [
    UpstreamTargets,
    {
      provide: ENV_CREDENTIALS,
      inject: [UpstreamTargets],
      useFactory: (targets: UpstreamTargets): EnvCredentials => ({
        isConfigured: (p) => targets.isConfigured(p),
        resolve: (p) => targets.resolve(p),
        authHeaders,
      }),
    },
  ],
  exports: [UpstreamTargets, ENV_CREDENTIALS],
})
export class EnvCredentialsModule {}
