import type { CanonicalParam, CanonicalRequest, WireFormat } from '../canonical/types';

// Client-facing parameter names, used to report params a target cannot honour in the client's terms.
const PARAM_NAMES: Record<WireFormat, Record<CanonicalParam, string>> = {
  'openai-chat': {
    maxTokens: 'max_completion_tokens',
    temperature: 'temperature',
    topP: 'top_p',
    topK: 'top_k',
    stop: 'stop',
    n: 'n',
    seed: 'seed',
    user: 'user',
    presencePenalty: 'presence_penalty',
    frequencyPenalty: 'frequency_penalty',
    responseFormat: 'response_format',
    reasoning: 'reasoning_effort',
    toolChoice: 'tool_choice',
    parallelToolCalls: 'parallel_tool_calls',
    logprobs: 'logprobs',
    metadata: 'metadata',
  },
  'openai-responses': {
    maxTokens: 'max_output_tokens',
    temperature: 'temperature',
    topP: 'top_p',
    topK: 'top_k',
    stop: 'stop',
    n: 'n',
    seed: 'seed',
    user: 'user',
    presencePenalty: 'presence_penalty',
    frequencyPenalty: 'frequency_penalty',
    responseFormat: 'text.format',
    reasoning: 'reasoning',
    toolChoice: 'tool_choice',
    parallelToolCalls: 'parallel_tool_calls',
    logprobs: 'top_logprobs',
    metadata: 'metadata',
  },
  'anthropic-messages': {
    maxTokens: 'max_tokens',
    temperature: 'temperature',
    topP: 'top_p',
    topK: 'top_k',
    stop: 'stop_sequences',
    n: 'n',
    seed: 'seed',
    user: 'metadata.user_id',
    presencePenalty: 'presence_penalty',
    frequencyPenalty: 'frequency_penalty',
    responseFormat: 'output_config.format',
    reasoning: 'thinking',
    toolChoice: 'tool_choice',
    parallelToolCalls: 'tool_choice.disable_parallel_tool_use',
    logprobs: 'logprobs',
    metadata: 'metadata',
  },
  gemini: {
    maxTokens: 'generationConfig.maxOutputTokens',
    temperature: 'generationConfig.temperature',
    topP: 'generationConfig.topP',
    topK: 'generationConfig.topK',
    stop: 'generationConfig.stopSequences',
    n: 'generationConfig.candidateCount',
    seed: 'generationConfig.seed',
    user: 'user',
    presencePenalty: 'generationConfig.presencePenalty',
    frequencyPenalty: 'generationConfig.frequencyPenalty',
    responseFormat: 'generationConfig.responseSchema',
    reasoning: 'generationConfig.thinkingConfig',
    toolChoice: 'toolConfig',
    parallelToolCalls: 'parallel_tool_calls',
    logprobs: 'generationConfig.responseLogprobs',
    metadata: 'metadata',
  },
};

export function paramName(format: WireFormat, param: CanonicalParam): string {
  return PARAM_NAMES[format][param];
}

/** Collects dropped params for one conversion, named as the client sent them, without duplicates. */
export class DroppedParams {
  private readonly names = new Set<string>();

  constructor(private readonly req: CanonicalRequest) {
    for (const p of req.unsupportedParams) this.names.add(p);
  }

  drop(param: CanonicalParam): void {
    this.names.add(paramName(this.req.sourceFormat, param));
  }

  /** Drops `param` when the request set it. */
  dropIfSet(param: CanonicalParam): void {
    if (this.req[param] !== undefined) this.drop(param);
  }

  raw(name: string): void {
    this.names.add(name);
  }

  list(): string[] {
    return [...this.names];
  }
}

export function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}
