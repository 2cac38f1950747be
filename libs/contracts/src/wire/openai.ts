// The main fields of the OpenAI wire format, for the API reference only: the proxy forwards bodies
// as bytes and converts them with @gateway/converters, so every other field passes through as well.
// https://platform.openai.com/docs/api-reference/chat and /responses
import { z } from 'zod';

const part = z.looseObject({ type: z.string() });

export const OpenAIChatMessage = z
  .looseObject({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
    content: z.union([z.string(), z.array(part), z.null()]),
    name: z.string().optional(),
    tool_calls: z.array(z.looseObject({ id: z.string(), type: z.string() })).optional(),
    tool_call_id: z.string().optional(),
  })
  .meta({ id: 'OpenAIChatMessage' });

export const OpenAIChatRequest = z
  .looseObject({
    model: z
      .string()
      .describe('any model the gateway can route (`gpt-4o`, `claude-sonnet-4-5`, …)'),
    messages: z.array(OpenAIChatMessage).min(1),
    stream: z.boolean().optional().describe('answer as server-sent events'),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).optional(),
    max_tokens: z.number().int().optional(),
    max_completion_tokens: z.number().int().optional(),
    temperature: z.number().optional(),
    top_p: z.number().optional(),
    stop: z.union([z.string(), z.array(z.string())]).optional(),
    tools: z.array(z.looseObject({ type: z.string() })).optional(),
    tool_choice: z.union([z.string(), z.looseObject({})]).optional(),
    response_format: z.looseObject({ type: z.string() }).optional(),
    reasoning_effort: z.string().optional(),
    user: z.string().optional(),
  })
  .meta({
    id: 'OpenAIChatRequest',
    description:
      'OpenAI Chat Completions request (main fields; the others are passed on or converted).',
  });

const chatUsage = z.looseObject({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().int() }).optional(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().int() }).optional(),
});

export const OpenAIChatCompletion = z
  .looseObject({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.looseObject({
        index: z.number().int(),
        message: z.looseObject({
          role: z.literal('assistant'),
          content: z.string().nullable(),
          tool_calls: z.array(z.looseObject({ id: z.string(), type: z.string() })).optional(),
        }),
        finish_reason: z.string().nullable(),
      }),
    ),
    usage: chatUsage.optional(),
  })
  .meta({ id: 'OpenAIChatCompletion' });

export const OpenAIChatCompletionChunk = z
  .looseObject({
    id: z.string(),
    object: z.literal('chat.completion.chunk'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.looseObject({
        index: z.number().int(),
        delta: z.looseObject({ role: z.string().optional(), content: z.string().nullish() }),
        finish_reason: z.string().nullable(),
      }),
    ),
    usage: chatUsage.nullish(),
  })
  .meta({
    id: 'OpenAIChatCompletionChunk',
    description: 'One `data:` event of the stream; the stream ends with `data: [DONE]`.',
  });

export const OpenAIResponsesRequest = z
  .looseObject({
    model: z.string(),
    input: z.union([z.string(), z.array(z.looseObject({}))]),
    instructions: z.string().optional(),
    stream: z.boolean().optional(),
    max_output_tokens: z.number().int().optional(),
    temperature: z.number().optional(),
    tools: z.array(z.looseObject({ type: z.string() })).optional(),
    tool_choice: z.union([z.string(), z.looseObject({})]).optional(),
    reasoning: z.looseObject({ effort: z.string().optional() }).optional(),
    text: z.looseObject({}).optional(),
    previous_response_id: z
      .string()
      .optional()
      .describe(
        'a stored response this one continues: its conversation is replayed to whichever upstream serves this turn',
      ),
    store: z.boolean().optional().describe('false: this answer is not kept (default true)'),
  })
  .meta({
    id: 'OpenAIResponsesRequest',
    description: 'OpenAI Responses request (main fields; the others are passed on or converted).',
  });

export const OpenAIResponse = z
  .looseObject({
    id: z.string(),
    object: z.literal('response'),
    created_at: z.number().int(),
    model: z.string(),
    status: z.string(),
    output: z.array(z.looseObject({ type: z.string() })),
    usage: z
      .looseObject({
        input_tokens: z.number().int(),
        output_tokens: z.number().int(),
        total_tokens: z.number().int(),
      })
      .optional(),
  })
  .meta({ id: 'OpenAIResponse' });

export const OpenAIResponseStreamEvent = z
  .looseObject({
    type: z
      .string()
      .describe('`response.created`, `response.output_text.delta`, … `response.completed`'),
    sequence_number: z.number().int(),
  })
  .meta({ id: 'OpenAIResponseStreamEvent' });

export const OpenAIModelList = z
  .object({
    object: z.literal('list'),
    data: z.array(
      z.object({
        id: z.string(),
        object: z.literal('model'),
        created: z.number().int(),
        owned_by: z.string().describe('the provider'),
      }),
    ),
  })
  .meta({ id: 'OpenAIModelList' });

/** `GET /v1/responses/{id}/input_items`: paging of the items that produced a stored response. */
export const OpenAIResponseItemsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional().describe('1 to 100, default 20'),
  order: z.enum(['asc', 'desc']).optional().describe('default desc'),
  after: z.string().optional().describe('an item id: the items after it'),
  before: z.string().optional().describe('an item id: the items before it'),
});

export const OpenAIResponseItemList = z
  .looseObject({
    object: z.literal('list'),
    data: z.array(z.looseObject({ type: z.string() })),
    first_id: z.string().nullable(),
    last_id: z.string().nullable(),
    has_more: z.boolean(),
  })
  .meta({ id: 'OpenAIResponseItemList' });

export const OpenAIResponseDeleted = z
  .looseObject({ id: z.string(), object: z.literal('response'), deleted: z.literal(true) })
  .meta({ id: 'OpenAIResponseDeleted' });
