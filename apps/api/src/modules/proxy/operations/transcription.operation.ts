import { performance } from 'node:perf_hooks';
import { emptyUsage } from '@gateway/converters';
import type { BilledUnits } from '@gateway/routing';
import { InvalidRequestError } from '../../../common/domain-errors';
import type { TokenUsage } from '../usage';
import { pipeAnswer, sendAnswer } from './endpoint-relay';
import {
  familyServes,
  type OperationDeps,
  type OperationRequest,
  type OperationSpec,
} from './operation';
import { SseEventTap } from './sse-event-tap';
import { readUpload, uploadPlan, type UploadForm } from './uploads';

export interface AudioRequest extends OperationRequest {
  form: UploadForm;
}

/**
 * What a transcription answer says it used. OpenAI reports `usage` (`{ type: 'tokens', … }` for the
 * gpt-4o transcribe models, `{ type: 'duration', seconds }` for whisper), `verbose_json` carries
 * `duration`. Plain `text`, `srt` and `vtt` answers carry nothing: the cost is then unknown (null).
 */
export function transcriptionUsage(json: Record<string, any> | undefined): {
  usage?: TokenUsage;
  units?: BilledUnits;
} {
  const usage = json?.usage as Record<string, any> | undefined;
  if (usage?.type === 'tokens' && typeof usage.input_tokens === 'number') {
    const audio = usage.input_token_details?.audio_tokens;
    return {
      usage: Object.assign(emptyUsage(), {
        inputTokens: usage.input_tokens,
        outputTokens: typeof usage.output_tokens === 'number' ? usage.output_tokens : 0,
      }),
      units: { inputAudioTokens: typeof audio === 'number' ? audio : 0 },
    };
  }
  const seconds =
    usage?.type === 'duration' && typeof usage.seconds === 'number'
      ? usage.seconds
      : typeof json?.duration === 'number'
        ? json.duration
        : undefined;
  return seconds === undefined ? {} : { units: { inputAudioSeconds: seconds } };
}

/**
 * Transcriptions and translations (`POST /v1/audio/transcriptions`, `/translations`): multipart
 * uploads passed through with the file bytes intact (only `model` is rewritten when the upstream's id
 * differs), within UPLOAD_LIMIT_MB. Priced per second of audio or per token, from what the answer
 * reports (see `transcriptionUsage`); a streamed transcription is priced from its final
 * `transcript.text.done` event.
 */
export function transcriptionOperation(
  deps: OperationDeps,
  kind: 'transcription' | 'translation',
): OperationSpec<AudioRequest> {
  const endpoint = kind === 'transcription' ? 'transcriptions' : 'translations';
  return {
    operation: kind,
    modelKind: 'a transcription model',
    modes: ['audio_transcription'],

    read(ex) {
      const form = readUpload(ex, 'file');
      const model = form.field('model');
      if (!model || model.trim() === '')
        throw new InvalidRequestError('you must provide a model parameter', 'model');
      return {
        model,
        stream: form.field('stream') === 'true',
        form,
        estimatedInputTokens: 0,
        // The audio's length is known only from the answer: a budget reserves nothing, but refuses a
        // model that has no price for audio at all.
        estimateCost: ({ model: { pricing: p } }) =>
          p.inputPerSecond !== undefined || p.inputAudio !== undefined || p.input !== undefined
            ? 0
            : null,
      };
    },

    supports: (c) => familyServes(c, endpoint),

    plan(ex, req, c) {
      const adapter = deps.endpointAdapter(c.providerSpec, endpoint, 'openai-chat');
      return adapter && uploadPlan(ex, c, adapter, req.form);
    },

    async relay(ex, _req, plan, upstream) {
      const type = String(upstream.headers['content-type'] ?? '');
      if (type.startsWith('text/event-stream')) {
        const tap = new SseEventTap('transcript.text.done', (event) => {
          if (event.type !== 'transcript.text.done') return;
          Object.assign(ex.call, transcriptionUsage(event));
        });
        await pipeAnswer(ex, plan, upstream, (chunk) => tap.push(chunk));
        tap.end();
        return;
      }
      const text = await upstream.body.text();
      ex.call.upstreamEndedAt = performance.now();
      let json: Record<string, any> | undefined;
      if (type.includes('json')) {
        try {
          json = JSON.parse(text) as Record<string, any>;
        } catch {
          json = undefined;
        }
      }
      Object.assign(ex.call, transcriptionUsage(json));
      sendAnswer(ex, plan, upstream, text, type || 'application/json');
    },
  };
}
