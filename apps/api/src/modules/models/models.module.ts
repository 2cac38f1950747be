import { Module } from '@nestjs/common';
import { ModelCatalog } from '@gateway/routing';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';
import { MODEL_CATALOG } from './models.tokens';

@Module({
  controllers: [ModelsController],
  providers: [{ provide: MODEL_CATALOG, useFactory: () => ModelCatalog.load() }, ModelsService],
  exports: [MODEL_CATALOG, ModelsService],
})
export class ModelsModule {}
