import { Inject, Injectable } from '@nestjs/common';
import type { ModelCatalog } from '@gateway/routing';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { MODEL_CATALOG } from '../../models/models.tokens';
import { ProxyDispatch } from '../dispatch';
import { AZURE_DEFAULT_API_VERSION, createEndpointAdapters } from '../upstream/adapters';
import { completionsOperation } from './completions.operation';
import { embeddingsOperation } from './embeddings.operation';
import { moderationsOperation } from './moderations.operation';
import type { OperationDeps } from './operation';

/** Every endpoint beyond chat, built once with what it needs; the routes hand them to the pipeline. */
@Injectable()
export class ProxyOperations {
  readonly embeddings;
  readonly geminiEmbedContent;
  readonly geminiBatchEmbedContents;
  readonly completions;
  readonly moderations;

  constructor(
    dispatch: ProxyDispatch,
    @Inject(MODEL_CATALOG) catalog: ModelCatalog,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const deps: OperationDeps = {
      endpointAdapter: createEndpointAdapters(config.azureApiVersion ?? AZURE_DEFAULT_API_VERSION),
      chatAdapter: dispatch.adapterFor,
      catalog,
    };
    this.embeddings = embeddingsOperation(deps, 'openai');
    this.geminiEmbedContent = embeddingsOperation(deps, 'embedContent');
    this.geminiBatchEmbedContents = embeddingsOperation(deps, 'batchEmbedContents');
    this.completions = completionsOperation(deps);
    this.moderations = moderationsOperation(deps);
  }
}
