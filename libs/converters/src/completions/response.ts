import type {
  CanonicalResponse,
  CanonicalStreamEvent,
  ConvertContext,
  StreamEncoder,
} from '../canonical/types';
import { OPENAI_FINISH_TO } from '../openai-chat/mappings';
import { usageToOpenAIChat } from '../openai-chat/usage';
import { openAIChatErrors } from '../openai-chat/errors';
import { fixFinishReason } from '../shared/finish';
import type { Json } from '../shared/json';
import { sseFrame } from '../shared/sse';

/** Legacy completions know no tool calls: a chat answer that made one simply stopped. */
const COMPLETIONS_FINISH = (reason: string) => (reason === 'tool_calls' ? 'stop' : reason);

export interface CompletionsContext extends ConvertContext {
  /** `echo: true`: the answer's text starts with the prompt. */
  echo?: string;
  /** OpenAI clients: a final usage chunk (stream_options.include_usage). */
  includeUsage?: boolean;
}

function completionId(ctx: ConvertContext): string {
  return ctx.id.startsWith('cmpl-') ? ctx.id : `cmpl-${ctx.id}`;
}

/** A chat answer (canonical) -> a `text_completion` object. */
export function canonicalToCompletionsResponse(
  res: CanonicalResponse,
  ctx: CompletionsContext,
): Json {
  const out: Json = {
    id: completionId(ctx),
    object: 'text_completion',
    created: ctx.created,
    model: ctx.requestedModel,
    choices: res.choices.map((c) => ({
      text:
        (ctx.echo ?? '') +
        c.content
          .filter((p) => p.type === 'text')
          .map((p) => p.text)
          .join(''),
      index: c.index,
      logprobs: null,
      finish_reason: COMPLETIONS_FINISH(OPENAI_FINISH_TO[fixFinishReason(c.finishReason, false)]),
    })),
  };
  if (res.usage) {
    const { prompt_tokens, completion_tokens, total_tokens } = usageToOpenAIChat(res.usage);
    out.usage = { prompt_tokens, completion_tokens, total_tokens };
  }
  return out;
}

/** Canonical stream events of a chat answer -> legacy completions chunks, `data: [DONE]` last. */
export class CompletionsStreamEncoder implements StreamEncoder {
  private started = false;
  private finished = false;
  private done = false;
  private usage: Json | undefined;

  constructor(private readonly ctx: CompletionsContext) {}

  push(ev: CanonicalStreamEvent): string {
    if (this.done) return '';
    let out = this.start();
    switch (ev.type) {
      case 'text_delta':
        out += this.chunk(ev.text, null);
        break;
      case 'usage': {
        const { prompt_tokens, completion_tokens, total_tokens } = usageToOpenAIChat(ev.usage);
        this.usage = { prompt_tokens, completion_tokens, total_tokens };
        break;
      }
      case 'finish':
        if (!this.finished) {
          this.finished = true;
          const reason = OPENAI_FINISH_TO[fixFinishReason(ev.reason, false)];
          out += this.chunk('', COMPLETIONS_FINISH(reason));
        }
        break;
      case 'error':
        this.done = true;
        out += openAIChatErrors.encodeStream(ev.error);
        break;
      case 'start':
      case 'thinking_delta':
      case 'thinking_signature':
      case 'redacted_thinking':
      case 'tool_call_start':
      case 'tool_call_delta':
        // Reasoning and tool calls have no place in a text completion.
        break;
    }
    return out;
  }

  end(): string {
    if (this.done) return '';
    const out = this.start();
    this.done = true;
    if (!this.finished) {
      return (
        out +
        openAIChatErrors.encodeStream({
          status: 502,
          kind: 'api_error',
          message: 'upstream stream ended before the response was complete',
        })
      );
    }
    const usage =
      this.ctx.includeUsage && this.usage
        ? sseFrame(undefined, JSON.stringify(this.envelope([], this.usage)))
        : '';
    return out + usage + sseFrame(undefined, '[DONE]');
  }

  /** The echoed prompt opens the stream, as OpenAI sends it. */
  private start(): string {
    if (this.started) return '';
    this.started = true;
    return this.ctx.echo ? this.chunk(this.ctx.echo, null) : '';
  }

  /** One chunk's object as one literal (see the chat stream's envelope for why no spread). */
  private envelope(choices: Json[], usage?: Json): Json {
    const body: Json = {
      id: completionId(this.ctx),
      object: 'text_completion',
      created: this.ctx.created,
      model: this.ctx.requestedModel,
      choices,
    };
    if (usage !== undefined) body.usage = usage;
    return body;
  }

  private chunk(text: string, finishReason: string | null): string {
    const choices = [{ text, index: 0, logprobs: null, finish_reason: finishReason }];
    return sseFrame(undefined, JSON.stringify(this.envelope(choices)));
  }
}
