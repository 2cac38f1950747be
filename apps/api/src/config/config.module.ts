import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { SecretBox } from '../common/secret-box';
import type { AppConfig } from './app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const SECRET_BOX = Symbol('SECRET_BOX');

/** Boot-time values (validated config, the master-key cipher) made injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, secretBox: SecretBox): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: SECRET_BOX, useValue: secretBox },
      ],
      exports: [APP_CONFIG, SECRET_BOX],
    };
  }
}
