// The main fields of the Anthropic Messages wire format, for the API reference only (bodies are
// forwarded as bytes or converted by @gateway/converters). https://docs.anthropic.com/en/api/messages
import { z } from 'zod';

const block = z.looseObject({ type: z.string() });

const messagesFields = {
  model: z.string().describe('any model the gateway can route (`claude-sonnet-4-5`, `gpt-4o`, …)'),
  messages: z
    .array(
      z.looseObject({
        role: z.enum(['user', 'assistant']),
        content: z.union([z.string(), z.array(block)]),
      }),
    )
    .min(1),
  system: z.union([z.string(), z.array(block)]).optional(),
  tools: z
    .array(z.looseObject({ name: z.string(), input_schema: z.looseObject({}).optional() }))
    .optional(),
  tool_choice: z.looseObject({ type: z.string() }).optional(),
  thinking: z.looseObject({ type: z.string() }).optional(),
};

export const AnthropicMessagesRequest = z
  .looseObject({
    ...messagesFields,
    max_tokens: z.number().int().min(1),
    stream: z.boolean().optional().describe('answer as server-sent events'),
    temperature: z.number().optional(),
    top_p: z.number().optional(),
    stop_sequences: z.array(z.string()).optional(),
    metadata: z.looseObject({ user_id: z.string().optional() }).optional(),
  })
  .meta({
    id: 'AnthropicMessagesRequest',
    description: 'Anthropic Messages request (main fields; the others are passed on or converted).',
  });

export const AnthropicMessage = z
  .looseObject({
    id: z.string(),
    type: z.literal('message'),
    role: z.literal('assistant'),
    model: z.string(),
    content: z.array(block),
    stop_reason: z.string().nullable(),
    stop_sequence: z.string().nullable().optional(),
    usage: z.looseObject({
      input_tokens: z.number().int(),
      output_tokens: z.number().int(),
      cache_creation_input_tokens: z.number().int().nullish(),
      cache_read_input_tokens: z.number().int().nullish(),
    }),
  })
  .meta({ id: 'AnthropicMessage' });

export const AnthropicStreamEvent = z
  .looseObject({
    type: z
      .string()
      .describe(
        '`message_start`, `content_block_start`, `content_block_delta`, `content_block_stop`, `message_delta`, `message_stop`, `ping` or `error`',
      ),
  })
  .meta({
    id: 'AnthropicStreamEvent',
    description: 'One server-sent event; its `event:` name repeats `type`.',
  });

export const AnthropicCountTokensRequest = z
  .looseObject(messagesFields)
  .meta({ id: 'AnthropicCountTokensRequest' });

export const AnthropicTokenCount = z
  .object({ input_tokens: z.number().int() })
  .meta({ id: 'AnthropicTokenCount' });

export const AnthropicModelList = z
  .object({
    data: z.array(
      z.object({
        type: z.literal('model'),
        id: z.string(),
        display_name: z.string(),
        created_at: z.string(),
      }),
    ),
    has_more: z.boolean(),
    first_id: z.string().nullable(),
    last_id: z.string().nullable(),
  })
  .meta({ id: 'AnthropicModelList' });
