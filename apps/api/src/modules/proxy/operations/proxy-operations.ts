import { Inject, Injectable } from '@nestjs/common';
import type { ModelCatalog } from '@gateway/routing';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { MODEL_CATALOG } from '../../models/models.tokens';
import { ProxyDispatch } from '../dispatch';
import { AZURE_DEFAULT_API_VERSION, createEndpointAdapters } from '../upstream/adapters';
import { completionsOperation } from './completions.operation';
import { embeddingsOperation } from './embeddings.operation';
import { imageUploadOperation } from './image-uploads.operation';
import { imagesOperation } from './images.operation';
import { moderationsOperation } from './moderations.operation';
import type { OperationDeps } from './operation';
import { rerankOperation } from './rerank.operation';
import { speechOperation } from './speech.operation';
import { transcriptionOperation } from './transcription.operation';

/** Every endpoint beyond chat, built once with what it needs; the routes hand them to the pipeline. */
@Injectable()
export class ProxyOperations {
  readonly embeddings;
  readonly geminiEmbedContent;
  readonly geminiBatchEmbedContents;
  readonly completions;
  readonly moderations;
  readonly images;
  readonly imageEdits;
  readonly imageVariations;
  readonly speech;
  readonly transcriptions;
  readonly translations;
  readonly rerank;

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
    this.images = imagesOperation(deps);
    this.imageEdits = imageUploadOperation(deps, 'imageEdits');
    this.imageVariations = imageUploadOperation(deps, 'imageVariations');
    this.speech = speechOperation(deps);
    this.transcriptions = transcriptionOperation(deps, 'transcription');
    this.translations = transcriptionOperation(deps, 'translation');
    this.rerank = rerankOperation(deps);
  }
}
