import { emptyUsage } from '@gateway/converters';
import { meteredCostUsd } from '@gateway/routing';
import { InvalidRequestError } from '../../../common/domain-errors';
import { parseJsonBody } from '../request-body';
import { pipeAnswer } from './endpoint-relay';
import {
  estimateTextTokens,
  familyServes,
  operationPlan,
  samePayload,
  type OperationDeps,
  type OperationRequest,
  type OperationSpec,
} from './operation';
import { SseEventTap } from './sse-event-tap';

export interface SpeechRequest extends OperationRequest {
  characters: number;
}

/**
 * Speech (`POST /v1/audio/speech`): passed through to providers with OpenAI's speech endpoint; the
 * audio is streamed to the client as it arrives, never held whole. Priced per input character (tts-1,
 * tts-1-hd); with `stream_format: "sse"` (gpt-4o-mini-tts) by the text and audio tokens its final
 * `speech.audio.done` event reports. A binary answer from a model priced by tokens has no usage to
 * read: its cost is unknown (null).
 */
export function speechOperation(deps: OperationDeps): OperationSpec<SpeechRequest> {
  return {
    operation: 'speech',
    modelKind: 'a text-to-speech model',
    modes: ['audio_speech'],

    read(ex) {
      const body = parseJsonBody(ex.input.rawBody);
      ex.body = body;
      if (typeof body.model !== 'string' || body.model.trim() === '')
        throw new InvalidRequestError('you must provide a model parameter', 'model');
      if (typeof body.input !== 'string' || body.input === '')
        throw new InvalidRequestError("'input' must be a non-empty string", 'input');
      const characters = body.input.length;
      return {
        model: body.model,
        stream: body.stream_format === 'sse',
        characters,
        estimatedInputTokens: estimateTextTokens([body.input]),
        estimateCost: (c) =>
          meteredCostUsd(
            c.model.pricing,
            { inputTokens: 0, outputTokens: 0 },
            { inputCharacters: characters },
          ),
      };
    },

    supports: (c) => familyServes(c, 'speech'),

    plan(ex, _req, c) {
      const adapter = deps.endpointAdapter(c.providerSpec, 'speech', 'openai-chat');
      return (
        adapter &&
        operationPlan(ex, c, adapter, samePayload(ex, c), {
          passthrough: true,
          headers: { accept: '*/*' },
        })
      );
    },

    async relay(ex, req, plan, upstream) {
      ex.call.units = { inputCharacters: req.characters };
      const tap = new SseEventTap('speech.audio.done', (event) => {
        const usage = event.usage as Record<string, unknown> | undefined;
        if (typeof usage?.input_tokens !== 'number' || typeof usage.output_tokens !== 'number')
          return;
        ex.call.usage = Object.assign(emptyUsage(), {
          inputTokens: usage.input_tokens,
          outputTokens: usage.output_tokens,
        });
        ex.call.units = { outputAudioTokens: usage.output_tokens };
      });
      const sse = String(upstream.headers['content-type'] ?? '').startsWith('text/event-stream');
      await pipeAnswer(ex, plan, upstream, sse ? (chunk) => tap.push(chunk) : undefined);
      if (sse) tap.end();
    },
  };
}
