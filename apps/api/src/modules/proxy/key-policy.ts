import type { WireFormat } from '@gateway/converters';

type Body = Record<string, unknown>;

/**
 * A key's system prompt, put ahead of the client's own instructions in the client's wire format
 * (applied before any conversion, so every upstream sees it the same way).
 */
export function injectSystemPrompt(format: WireFormat, body: Body, prompt: string): Body {
  switch (format) {
    case 'openai-chat': {
      const messages = Array.isArray(body.messages) ? body.messages : [];
      return { ...body, messages: [{ role: 'system', content: prompt }, ...messages] };
    }
    case 'anthropic-messages': {
      const system = body.system;
      if (system === undefined) return { ...body, system: prompt };
      if (typeof system === 'string') return { ...body, system: `${prompt}\n\n${system}` };
      return {
        ...body,
        system: [{ type: 'text', text: prompt }, ...(Array.isArray(system) ? system : [])],
      };
    }
    case 'gemini': {
      const si = body.systemInstruction as { parts?: unknown[] } | undefined;
      return {
        ...body,
        systemInstruction: { ...si, parts: [{ text: prompt }, ...(si?.parts ?? [])] },
      };
    }
    case 'openai-responses': {
      const instructions = typeof body.instructions === 'string' ? body.instructions : undefined;
      return { ...body, instructions: instructions ? `${prompt}\n\n${instructions}` : prompt };
    }
  }
}

/** The output-token field of each format, and the value the client asked for (undefined when none). */
export function requestedMaxTokens(format: WireFormat, body: Body): number | undefined {
  const pick = (...values: unknown[]) => values.find((v): v is number => typeof v === 'number');
  switch (format) {
    case 'openai-chat':
      return pick(body.max_completion_tokens, body.max_tokens);
    case 'anthropic-messages':
      return pick(body.max_tokens);
    case 'gemini':
      return pick((body.generationConfig as Body | undefined)?.maxOutputTokens);
    case 'openai-responses':
      return pick(body.max_output_tokens);
  }
}

/** Sets the output-token limit (a key's per-request cap) when the client sent none. */
export function withMaxTokens(format: WireFormat, body: Body, maxTokens: number): Body {
  switch (format) {
    case 'openai-chat':
      return { ...body, max_tokens: maxTokens };
    case 'anthropic-messages':
      return { ...body, max_tokens: maxTokens };
    case 'gemini':
      return {
        ...body,
        generationConfig: {
          ...(body.generationConfig as Body | undefined),
          maxOutputTokens: maxTokens,
        },
      };
    case 'openai-responses':
      return { ...body, max_output_tokens: maxTokens };
  }
}
