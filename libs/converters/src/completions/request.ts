// Legacy completions https://platform.openai.com/docs/api-reference/completions/create, sent to a chat
// model: the prompt becomes one user message, the chat answer's text becomes `text`.
import { InvalidRequestError } from '../canonical/errors';
import type { Json } from '../shared/json';

// Same name and meaning in Chat Completions: copied as they are.
const SHARED_FIELDS = [
  'model',
  'max_tokens',
  'temperature',
  'top_p',
  'n',
  'stop',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'seed',
  'user',
  'stream',
  'stream_options',
] as const;

// No Chat Completions counterpart: dropped and reported. `logprobs` is a number here and a boolean
// there, with another answer shape; `echo` is honoured by the answer encoders instead.
const COMPLETIONS_ONLY = ['suffix', 'best_of', 'logprobs'] as const;

export interface CompletionsAsChat {
  /** An OpenAI Chat Completions body, converted onward like any chat request. */
  chat: Json;
  /** The prompt, for `echo: true` (the answer starts with it). */
  echo?: string;
  droppedParams: string[];
}

/** The one prompt of a legacy request: a string, or an array holding one string. */
function singlePrompt(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  if (Array.isArray(prompt) && prompt.length === 1 && typeof prompt[0] === 'string')
    return prompt[0];
  if (Array.isArray(prompt) && prompt.every((p) => typeof p === 'string'))
    throw new InvalidRequestError(
      'A chat model answers one prompt per request: send the prompts one by one',
      'prompt',
    );
  throw new InvalidRequestError(
    "'prompt' must be a string for a chat model (token arrays need a completions model)",
    'prompt',
  );
}

/** A legacy completions body -> the equivalent Chat Completions body for a chat model. */
export function completionsToChat(body: Json): CompletionsAsChat {
  const prompt = singlePrompt(body.prompt);
  const chat: Json = { messages: [{ role: 'user', content: prompt }] };
  for (const field of SHARED_FIELDS) if (body[field] !== undefined) chat[field] = body[field];
  const droppedParams: string[] = COMPLETIONS_ONLY.filter(
    (f) => body[f] !== undefined && body[f] !== null,
  );
  return { chat, echo: body.echo === true ? prompt : undefined, droppedParams };
}
