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

/**
 * Applies a key's per-request output cap: lowers the limit the client sent to the cap, or sets the cap
 * when the client sent none. OpenAI Chat: whichever of `max_completion_tokens` / `max_tokens` the client
 * sent is capped (both to one value when both were sent, so they never disagree); with neither, the cap
 * goes in `max_completion_tokens`, the field OpenAI's reasoning models require (`max_tokens` is rejected
 * there). For a provider that only reads `max_tokens` the proxy renames it per upstream
 * (`openAIMaxTokensField` in @gateway/converters).
 */
export function withMaxTokens(format: WireFormat, body: Body, maxTokens: number): Body {
  const capped = (v: unknown) => (typeof v === 'number' ? Math.min(v, maxTokens) : maxTokens);
  switch (format) {
    case 'openai-chat': {
      const sent = (['max_completion_tokens', 'max_tokens'] as const).filter(
        (f) => typeof body[f] === 'number',
      );
      if (sent.length === 0) return { ...body, max_completion_tokens: maxTokens };
      const value = Math.min(maxTokens, ...sent.map((f) => body[f] as number));
      return { ...body, ...Object.fromEntries(sent.map((f) => [f, value])) };
    }
    case 'anthropic-messages':
      return { ...body, max_tokens: capped(body.max_tokens) };
    case 'gemini': {
      const gc = body.generationConfig as Body | undefined;
      return {
        ...body,
        generationConfig: { ...gc, maxOutputTokens: capped(gc?.maxOutputTokens) },
      };
    }
    case 'openai-responses':
      return { ...body, max_output_tokens: capped(body.max_output_tokens) };
  }
}
