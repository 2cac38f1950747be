// Writes the INPUT files of the golden cases (client requests, upstream responses, upstream streams)
// for every direction. Expected outputs are produced by `UPDATE_GOLDENS=1 npx jest golden` and reviewed
// as a diff. Run: node libs/converters/scripts/seed-golden.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', '__golden__');
const FORMATS = ['openai-chat', 'anthropic-messages', 'gemini', 'openai-responses'];
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PDF = 'JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSPj4Kc3RyZWFtCg==';

const weatherSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    city: { type: 'string', description: 'City name' },
    unit: { anyOf: [{ type: 'string', enum: ['c', 'f', ''] }, { type: 'null' }] },
    days: { type: ['integer', 'null'], default: 1 },
  },
  required: ['city'],
  additionalProperties: false,
};

// ---------- client requests ----------
const clientRequests = {
  'openai-chat': {
    text: {
      model: 'client-model',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: 'Answer in English.' },
        { role: 'user', content: 'Hi there' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: [{ type: 'text', text: 'Tell me a joke' }] },
      ],
      temperature: 0.7,
      top_p: 0.9,
      max_completion_tokens: 256,
      stop: ['END'],
      seed: 7,
      user: 'user-42',
      n: 1,
      logit_bias: { 50256: -100 },
    },
    tools: {
      model: 'client-model',
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_paris',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
            {
              id: 'call_rome',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_paris', content: '{"temp":21}' },
        { role: 'tool', tool_call_id: 'call_rome', content: 'sunny, 25C' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Get the weather',
            parameters: weatherSchema,
            strict: true,
          },
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'answer',
          strict: true,
          schema: {
            type: 'object',
            properties: { summary: { type: 'string' } },
            required: ['summary'],
            additionalProperties: false,
          },
        },
      },
    },
    images: {
      model: 'client-model',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe these' },
            {
              type: 'image_url',
              image_url: { url: 'https://example.com/cat.png', detail: 'high' },
            },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            {
              type: 'file',
              file: { file_data: `data:application/pdf;base64,${PDF}`, filename: 'doc.pdf' },
            },
          ],
        },
      ],
    },
    reasoning: {
      model: 'client-model',
      reasoning_effort: 'high',
      max_completion_tokens: 8000,
      messages: [
        { role: 'user', content: 'What is 2+2? use the calculator' },
        {
          role: 'assistant',
          content: null,
          reasoning_content: 'I should call the calculator.',
          thinking_blocks: [
            {
              type: 'thinking',
              thinking: 'I should call the calculator.',
              signature: 'sigAnthropic123',
            },
          ],
          tool_calls: [
            {
              id: 'call_calc',
              type: 'function',
              function: { name: 'calc', arguments: '{"expr":"2+2"}' },
              extra_content: { google: { thought_signature: 'sigGemini456' } },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_calc', content: '4' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'calc',
            parameters: { type: 'object', properties: { expr: { type: 'string' } } },
          },
        },
      ],
    },
  },
  'anthropic-messages': {
    text: {
      model: 'client-model',
      max_tokens: 256,
      system: [
        { type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Answer in English.' },
      ],
      messages: [
        { role: 'user', content: 'Hi there' },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
        { role: 'user', content: [{ type: 'text', text: 'Tell me a joke' }] },
      ],
      temperature: 0.7,
      top_k: 40,
      stop_sequences: ['END', '  '],
      metadata: { user_id: 'user-42' },
    },
    tools: {
      model: 'client-model',
      max_tokens: 1024,
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking both.' },
            { type: 'tool_use', id: 'toolu_paris', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_rome', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_paris', content: '{"temp":21}' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_rome',
              content: [{ type: 'text', text: 'service down' }],
              is_error: true,
            },
          ],
        },
      ],
      tools: [
        { name: 'get_weather', description: 'Get the weather', input_schema: weatherSchema },
        {
          name: 'a_tool_name_that_is_much_longer_than_the_sixty_four_characters_openai_and_gemini_allow',
          input_schema: { type: 'object', properties: {} },
        },
      ],
      tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
    },
    images: {
      model: 'client-model',
      max_tokens: 512,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe these' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: PDF },
              title: 'doc.pdf',
            },
          ],
        },
      ],
    },
    reasoning: {
      model: 'client-model',
      max_tokens: 8000,
      thinking: { type: 'enabled', budget_tokens: 4096 },
      messages: [
        { role: 'user', content: 'What is 2+2? use the calculator' },
        {
          role: 'assistant',
          content: [
            {
              type: 'thinking',
              thinking: 'I should call the calculator.',
              signature: 'sigAnthropic123',
            },
            { type: 'redacted_thinking', data: 'redactedBlob' },
            { type: 'thinking', thinking: '', signature: 'gemini:sigGemini456' },
            { type: 'tool_use', id: 'toolu_calc', name: 'calc', input: { expr: '2+2' } },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_calc', content: '4' }],
        },
      ],
      tools: [
        {
          name: 'calc',
          input_schema: { type: 'object', properties: { expr: { type: 'string' } } },
        },
      ],
    },
  },
  gemini: {
    text: {
      systemInstruction: { parts: [{ text: 'You are terse.' }, { text: 'Answer in English.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi there' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        { role: 'user', parts: [{ text: 'Tell me a joke' }] },
      ],
      generationConfig: {
        temperature: 0.7,
        topP: 0.9,
        topK: 40,
        maxOutputTokens: 256,
        stopSequences: ['END'],
        seed: 7,
      },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
    },
    tools: {
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
        {
          role: 'model',
          parts: [
            {
              functionCall: { name: 'get_weather', args: { city: 'Paris' } },
              thoughtSignature: 'sigGemini456',
            },
            { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { temp: 21 } } },
            { functionResponse: { name: 'get_weather', response: { error: 'service down' } } },
          ],
        },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Get the weather',
              parameters: {
                type: 'OBJECT',
                properties: { city: { type: 'STRING' } },
                required: ['city'],
              },
            },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
      generationConfig: {
        responseMimeType: 'application/json',
        responseSchema: { type: 'OBJECT', properties: { summary: { type: 'STRING' } } },
      },
    },
    images: {
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'Describe these' },
            { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/cat.png' } },
            { inlineData: { mimeType: 'image/png', data: PNG } },
            { inlineData: { mimeType: 'application/pdf', data: PDF } },
          ],
        },
      ],
    },
    reasoning: {
      contents: [
        { role: 'user', parts: [{ text: 'What is 2+2? use the calculator' }] },
        {
          role: 'model',
          parts: [
            { text: 'I should call the calculator.', thought: true },
            {
              functionCall: { name: 'calc', args: { expr: '2+2' } },
              thoughtSignature: 'sigGemini456',
            },
          ],
        },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'calc', response: { output: '4' } } }],
        },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'calc',
              parameters: { type: 'object', properties: { expr: { type: 'string' } } },
            },
          ],
        },
      ],
      generationConfig: {
        maxOutputTokens: 8000,
        thinkingConfig: { thinkingBudget: 4096, includeThoughts: true },
      },
    },
  },
  'openai-responses': {
    text: {
      model: 'client-model',
      instructions: 'You are terse.',
      input: [
        { role: 'developer', content: 'Answer in English.' },
        { role: 'user', content: 'Hi there' },
        { role: 'assistant', content: [{ type: 'output_text', text: 'Hello!' }] },
        { role: 'user', content: [{ type: 'input_text', text: 'Tell me a joke' }] },
      ],
      temperature: 0.7,
      max_output_tokens: 256,
      store: false,
      truncation: 'auto',
    },
    tools: {
      model: 'client-model',
      input: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          type: 'function_call',
          call_id: 'call_paris',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
        },
        {
          type: 'function_call',
          call_id: 'call_rome',
          name: 'get_weather',
          arguments: '{"city":"Rome"}',
        },
        { type: 'function_call_output', call_id: 'call_paris', output: '{"temp":21}' },
        { type: 'function_call_output', call_id: 'call_rome', output: 'sunny, 25C' },
      ],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Get the weather',
          parameters: weatherSchema,
          strict: true,
        },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
      text: {
        format: {
          type: 'json_schema',
          name: 'answer',
          schema: { type: 'object', properties: { summary: { type: 'string' } } },
          strict: true,
        },
      },
    },
    images: {
      model: 'client-model',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Describe these' },
            { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'high' },
            { type: 'input_image', image_url: `data:image/png;base64,${PNG}` },
            {
              type: 'input_file',
              file_data: `data:application/pdf;base64,${PDF}`,
              filename: 'doc.pdf',
            },
          ],
        },
      ],
    },
    reasoning: {
      model: 'client-model',
      reasoning: { effort: 'medium', summary: 'auto' },
      max_output_tokens: 8000,
      input: [
        { role: 'user', content: 'What is 2+2? use the calculator' },
        {
          type: 'reasoning',
          id: 'rs_1',
          summary: [{ type: 'summary_text', text: 'I should call the calculator.' }],
          encrypted_content: 'encOpenAI789',
        },
        { type: 'function_call', call_id: 'call_calc', name: 'calc', arguments: '{"expr":"2+2"}' },
        { type: 'function_call_output', call_id: 'call_calc', output: '4' },
      ],
      tools: [
        {
          type: 'function',
          name: 'calc',
          parameters: { type: 'object', properties: { expr: { type: 'string' } } },
        },
      ],
    },
  },
};

// ---------- upstream non-stream responses ----------
const upstreamResponses = {
  'openai-chat': {
    text: {
      id: 'chatcmpl-up',
      object: 'chat.completion',
      created: 1,
      model: 'upstream-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Why did the chicken cross the road?' },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 120,
        completion_tokens: 12,
        total_tokens: 132,
        prompt_tokens_details: { cached_tokens: 100 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    },
    tools: {
      id: 'chatcmpl-up',
      object: 'chat.completion',
      created: 1,
      model: 'upstream-model',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              {
                id: 'call_a',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
              {
                id: 'call_b',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
              },
            ],
          },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 50, completion_tokens: 30, total_tokens: 80 },
    },
    reasoning: {
      id: 'chatcmpl-up',
      object: 'chat.completion',
      created: 1,
      model: 'upstream-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: '4', reasoning_content: 'Adding 2 and 2.' },
          finish_reason: 'length',
        },
      ],
      usage: {
        prompt_tokens: 40,
        completion_tokens: 300,
        total_tokens: 340,
        completion_tokens_details: { reasoning_tokens: 290 },
      },
    },
  },
  'anthropic-messages': {
    text: {
      id: 'msg_up',
      type: 'message',
      role: 'assistant',
      model: 'upstream-model',
      content: [{ type: 'text', text: 'Why did the chicken cross the road?' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 20,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 5,
        output_tokens: 12,
      },
    },
    tools: {
      id: 'msg_up',
      type: 'message',
      role: 'assistant',
      model: 'upstream-model',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_b', name: 'get_weather', input: { city: 'Rome' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 50, output_tokens: 30 },
    },
    reasoning: {
      id: 'msg_up',
      type: 'message',
      role: 'assistant',
      model: 'upstream-model',
      content: [
        { type: 'thinking', thinking: 'Adding 2 and 2.', signature: 'sigAnthropicResp' },
        { type: 'text', text: '4' },
      ],
      stop_reason: 'max_tokens',
      stop_sequence: null,
      usage: { input_tokens: 40, output_tokens: 300 },
    },
  },
  gemini: {
    text: {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'Why did the chicken cross the road?' }] },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 120,
        cachedContentTokenCount: 100,
        candidatesTokenCount: 12,
        totalTokenCount: 132,
      },
      modelVersion: 'upstream-model',
      responseId: 'gem-up',
    },
    tools: {
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Checking.' },
              {
                functionCall: { name: 'get_weather', args: { city: 'Paris' } },
                thoughtSignature: 'sigGeminiResp',
              },
              { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 50, candidatesTokenCount: 30, totalTokenCount: 80 },
      modelVersion: 'upstream-model',
      responseId: 'gem-up',
    },
    reasoning: {
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Adding 2 and 2.', thought: true },
              { text: '4', thoughtSignature: 'sigGeminiText' },
            ],
          },
          finishReason: 'MAX_TOKENS',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 40,
        candidatesTokenCount: 10,
        thoughtsTokenCount: 290,
        totalTokenCount: 340,
      },
      modelVersion: 'upstream-model',
      responseId: 'gem-up',
    },
  },
  'openai-responses': {
    text: {
      id: 'resp_up',
      object: 'response',
      status: 'completed',
      model: 'upstream-model',
      output: [
        {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [
            { type: 'output_text', text: 'Why did the chicken cross the road?', annotations: [] },
          ],
        },
      ],
      usage: {
        input_tokens: 120,
        input_tokens_details: { cached_tokens: 100 },
        output_tokens: 12,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 132,
      },
    },
    tools: {
      id: 'resp_up',
      object: 'response',
      status: 'completed',
      model: 'upstream-model',
      output: [
        {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Checking.', annotations: [] }],
        },
        {
          id: 'fc_1',
          type: 'function_call',
          call_id: 'call_a',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
          status: 'completed',
        },
        {
          id: 'fc_2',
          type: 'function_call',
          call_id: 'call_b',
          name: 'get_weather',
          arguments: '{"city":"Rome"}',
          status: 'completed',
        },
      ],
      usage: { input_tokens: 50, output_tokens: 30, total_tokens: 80 },
    },
    reasoning: {
      id: 'resp_up',
      object: 'response',
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      model: 'upstream-model',
      output: [
        {
          id: 'rs_1',
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'Adding 2 and 2.' }],
          encrypted_content: 'encOpenAIResp',
        },
        {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: '4', annotations: [] }],
        },
      ],
      usage: {
        input_tokens: 40,
        output_tokens: 300,
        output_tokens_details: { reasoning_tokens: 290 },
        total_tokens: 340,
      },
    },
  },
};

// ---------- upstream streams ----------
const sse = (events) =>
  events
    .map(
      ([name, data]) =>
        (name ? `event: ${name}\n` : '') +
        `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    )
    .join('');
const oc = (delta, finish = null, extra = {}) => ({
  id: 'chatcmpl-up',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'upstream-model',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});
const an = (type, data) => [type, { type, ...data }];
const gm = (parts, extra = {}) => ({
  candidates: [{ content: { role: 'model', parts }, index: 0, ...extra.cand }],
  modelVersion: 'upstream-model',
  responseId: 'gem-up',
  ...extra.top,
});
const rs = (() => {
  let seq = 0;
  return (type, data) => [type, { type, sequence_number: seq++, ...data }];
})();

const upstreamStreams = {
  'openai-chat': {
    'stream-text': sse([
      [undefined, oc({ role: 'assistant', content: '' })],
      [undefined, oc({ reasoning_content: 'Thinking about jokes.' })],
      [undefined, oc({ content: 'Why did ' })],
      [undefined, oc({ content: 'the chicken' }, 'stop')],
      [
        undefined,
        {
          id: 'chatcmpl-up',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'upstream-model',
          choices: [],
          usage: {
            prompt_tokens: 120,
            completion_tokens: 12,
            total_tokens: 132,
            prompt_tokens_details: { cached_tokens: 100 },
          },
        },
      ],
      [undefined, '[DONE]'],
    ]),
    'stream-tools': sse([
      [undefined, oc({ role: 'assistant', content: null, tool_calls: [] })],
      [undefined, oc({ content: 'Checking.' })],
      [
        undefined,
        oc({
          tool_calls: [
            {
              index: 0,
              id: 'call_a',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"ci' },
            },
          ],
        }),
      ],
      [undefined, oc({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] })],
      [
        undefined,
        oc({
          tool_calls: [
            {
              index: 1,
              id: 'call_b',
              type: 'function',
              function: { name: 'get_weather', arguments: '' },
            },
          ],
        }),
      ],
      [undefined, oc({ tool_calls: [{ index: 1, function: { arguments: '{"city":"Rome"}' } }] })],
      [undefined, oc({}, 'stop')],
      [
        undefined,
        {
          id: 'chatcmpl-up',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'upstream-model',
          choices: [],
          usage: { prompt_tokens: 50, completion_tokens: 30, total_tokens: 80 },
        },
      ],
      [undefined, '[DONE]'],
    ]),
  },
  'anthropic-messages': {
    'stream-text': sse([
      an('message_start', {
        message: {
          id: 'msg_up',
          type: 'message',
          role: 'assistant',
          model: 'upstream-model',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: 20,
            cache_read_input_tokens: 100,
            cache_creation_input_tokens: 0,
            output_tokens: 1,
          },
        },
      }),
      an('content_block_start', {
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      }),
      an('content_block_delta', {
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'Thinking about jokes.' },
      }),
      an('content_block_delta', {
        index: 0,
        delta: { type: 'signature_delta', signature: 'sigAnthropicStream' },
      }),
      an('content_block_stop', { index: 0 }),
      ['ping', { type: 'ping' }],
      an('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }),
      an('content_block_delta', { index: 1, delta: { type: 'text_delta', text: 'Why did ' } }),
      an('content_block_delta', { index: 1, delta: { type: 'text_delta', text: 'the chicken' } }),
      an('content_block_stop', { index: 1 }),
      an('message_delta', {
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 12 },
      }),
      an('message_stop', {}),
    ]),
    'stream-tools': sse([
      an('message_start', {
        message: {
          id: 'msg_up',
          type: 'message',
          role: 'assistant',
          model: 'upstream-model',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 50, output_tokens: 1 },
        },
      }),
      an('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      an('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Checking.' } }),
      an('content_block_stop', { index: 0 }),
      an('content_block_start', {
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: {} },
      }),
      an('content_block_delta', {
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '' },
      }),
      an('content_block_delta', {
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      }),
      an('content_block_delta', {
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
      }),
      an('content_block_stop', { index: 1 }),
      an('content_block_start', {
        index: 2,
        content_block: { type: 'tool_use', id: 'toolu_b', name: 'get_weather', input: {} },
      }),
      an('content_block_delta', {
        index: 2,
        delta: { type: 'input_json_delta', partial_json: '{"city":"Rome"}' },
      }),
      an('content_block_stop', { index: 2 }),
      an('message_delta', {
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 30 },
      }),
      an('message_stop', {}),
    ]),
  },
  gemini: {
    'stream-text': sse([
      [undefined, gm([{ text: 'Thinking about jokes.', thought: true }])],
      [undefined, gm([{ text: 'Why did ' }])],
      [undefined, gm([{ text: 'the chicken' }])],
      [
        undefined,
        gm([{ text: '', thoughtSignature: 'sigGeminiStream' }], {
          cand: { finishReason: 'STOP' },
          top: {
            usageMetadata: {
              promptTokenCount: 120,
              cachedContentTokenCount: 100,
              candidatesTokenCount: 12,
              thoughtsTokenCount: 5,
              totalTokenCount: 137,
            },
          },
        }),
      ],
    ]),
    'stream-tools': sse([
      [undefined, gm([{ text: 'Checking.' }])],
      [
        undefined,
        gm([
          {
            functionCall: { name: 'get_weather', args: { city: 'Paris' } },
            thoughtSignature: 'sigGeminiStream',
          },
        ]),
      ],
      [
        undefined,
        gm([{ functionCall: { name: 'get_weather', args: { city: 'Rome' } } }], {
          cand: { finishReason: 'STOP' },
          top: {
            usageMetadata: { promptTokenCount: 50, candidatesTokenCount: 30, totalTokenCount: 80 },
          },
        }),
      ],
    ]),
  },
  'openai-responses': {
    'stream-text': sse([
      rs('response.created', {
        response: {
          id: 'resp_up',
          object: 'response',
          status: 'in_progress',
          model: 'upstream-model',
          output: [],
        },
      }),
      rs('response.output_item.added', {
        output_index: 0,
        item: { id: 'rs_1', type: 'reasoning', summary: [] },
      }),
      rs('response.reasoning_summary_text.delta', {
        item_id: 'rs_1',
        output_index: 0,
        summary_index: 0,
        delta: 'Thinking about jokes.',
      }),
      rs('response.output_item.done', {
        output_index: 0,
        item: {
          id: 'rs_1',
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'Thinking about jokes.' }],
          encrypted_content: 'encOpenAIStream',
        },
      }),
      rs('response.output_item.added', {
        output_index: 1,
        item: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          status: 'in_progress',
          content: [],
        },
      }),
      rs('response.output_text.delta', {
        item_id: 'msg_1',
        output_index: 1,
        content_index: 0,
        delta: 'Why did ',
      }),
      rs('response.output_text.delta', {
        item_id: 'msg_1',
        output_index: 1,
        content_index: 0,
        delta: 'the chicken',
      }),
      rs('response.output_item.done', { output_index: 1, item: { id: 'msg_1', type: 'message' } }),
      rs('response.completed', {
        response: {
          id: 'resp_up',
          status: 'completed',
          output: [],
          usage: {
            input_tokens: 120,
            input_tokens_details: { cached_tokens: 100 },
            output_tokens: 12,
            total_tokens: 132,
          },
        },
      }),
    ]),
    'stream-tools': sse([
      rs('response.created', {
        response: {
          id: 'resp_up',
          object: 'response',
          status: 'in_progress',
          model: 'upstream-model',
          output: [],
        },
      }),
      rs('response.output_item.added', {
        output_index: 0,
        item: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          status: 'in_progress',
          content: [],
        },
      }),
      rs('response.output_text.delta', {
        item_id: 'msg_1',
        output_index: 0,
        content_index: 0,
        delta: 'Checking.',
      }),
      rs('response.output_item.done', { output_index: 0, item: { id: 'msg_1', type: 'message' } }),
      rs('response.output_item.added', {
        output_index: 1,
        item: {
          id: 'fc_1',
          type: 'function_call',
          call_id: 'call_a',
          name: 'get_weather',
          arguments: '',
        },
      }),
      rs('response.function_call_arguments.delta', {
        item_id: 'fc_1',
        output_index: 1,
        delta: '{"city":',
      }),
      rs('response.function_call_arguments.delta', {
        item_id: 'fc_1',
        output_index: 1,
        delta: '"Paris"}',
      }),
      rs('response.function_call_arguments.done', {
        item_id: 'fc_1',
        output_index: 1,
        arguments: '{"city":"Paris"}',
      }),
      rs('response.output_item.added', {
        output_index: 2,
        item: {
          id: 'fc_2',
          type: 'function_call',
          call_id: 'call_b',
          name: 'get_weather',
          arguments: '',
        },
      }),
      rs('response.function_call_arguments.done', {
        item_id: 'fc_2',
        output_index: 2,
        arguments: '{"city":"Rome"}',
      }),
      rs('response.completed', {
        response: {
          id: 'resp_up',
          status: 'completed',
          output: [],
          usage: { input_tokens: 50, output_tokens: 30, total_tokens: 80 },
        },
      }),
    ]),
  },
};

function write(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n',
  );
}

for (const from of FORMATS) {
  for (const to of FORMATS) {
    if (from === to) continue;
    const dir = join(root, `${from}-to-${to}`);
    for (const c of ['text', 'tools', 'images', 'reasoning']) {
      write(join(dir, c, 'request.json'), clientRequests[from][c]);
      const res = upstreamResponses[to][c === 'images' ? 'text' : c];
      write(join(dir, c, 'upstream-response.json'), res);
    }
    for (const c of ['stream-text', 'stream-tools']) {
      const base = clientRequests[from][c === 'stream-text' ? 'text' : 'tools'];
      const req =
        from === 'gemini'
          ? base
          : {
              ...base,
              stream: true,
              ...(from === 'openai-chat' ? { stream_options: { include_usage: true } } : {}),
            };
      write(join(dir, c, 'request.json'), req);
      write(join(dir, c, 'upstream-stream.txt'), upstreamStreams[to][c]);
    }
  }
}
