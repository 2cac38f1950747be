import { Module } from '@nestjs/common';
import { ApiReferenceService } from './api-reference.service';
import { DocsController } from './docs.controller';

/** `GET /openapi.json` (built from the route table in @gateway/contracts) and `GET /docs` (Swagger UI). */
@Module({ controllers: [DocsController], providers: [ApiReferenceService] })
export class DocsModule {}
