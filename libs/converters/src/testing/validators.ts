// Request validators that reject what the real APIs reject. Used by this library's tests and by the
// server's fake upstreams. Each returns a list of problems (empty = valid).
import { isRecord, asArray, asRecord, type Json } from '../shared/json';

function checkSchemaKeys(schema: unknown, path: string, problems: string[]): void {
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => checkSchemaKeys(s, `${path}[${i}]`, problems));
    return;
  }
  if (!isRecord(schema)) return;
  for (const bad of [
    'additionalProperties',
    '$schema',
    '$ref',
    '$defs',
    'definitions',
    'oneOf',
    'allOf',
    'const',
    'strict',
    'propertyNames',
    'examples',
  ]) {
    if (bad in schema) problems.push(`${path}: Unknown name "${bad}"`);
  }
  if (Array.isArray(schema.type)) problems.push(`${path}.type: must be a single type`);
  if (Array.isArray(schema.enum) && schema.enum.some((v) => typeof v !== 'string' || v === ''))
    problems.push(`${path}.enum: must be non-empty strings`);
  if (isRecord(schema.properties))
    for (const [k, v] of Object.entries(schema.properties))
      checkSchemaKeys(v, `${path}.properties.${k}`, problems);
  if (schema.items !== undefined) checkSchemaKeys(schema.items, `${path}.items`, problems);
  if (schema.anyOf !== undefined) checkSchemaKeys(schema.anyOf, `${path}.anyOf`, problems);
}

/** Anthropic Messages: max_tokens, roles, non-empty text, tool_use/tool_result pairing, id and name patterns. */
export function validateAnthropicRequest(body: unknown): string[] {
  const problems: string[] = [];
  const b = asRecord(body);
  if (typeof b.model !== 'string' || b.model === '') problems.push('model: Field required');
  if (typeof b.max_tokens !== 'number' || b.max_tokens < 1)
    problems.push('max_tokens: Field required');
  const messages = asArray(b.messages);
  if (messages.length === 0) problems.push('messages: at least one message is required');
  let prevRole: unknown;
  let prevToolUses = new Set<string>();
  messages.forEach((m, i) => {
    const msg = asRecord(m);
    if (msg.role !== 'user' && msg.role !== 'assistant')
      problems.push(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (msg.role === prevRole) problems.push(`messages.${i}: roles must alternate`);
    const content =
      typeof msg.content === 'string'
        ? [{ type: 'text', text: msg.content }]
        : asArray(msg.content);
    if (content.length === 0) problems.push(`messages.${i}: content must be non-empty`);
    const toolUses = new Set<string>();
    content.forEach((c, j) => {
      const block = asRecord(c);
      if (block.type === 'text' && (typeof block.text !== 'string' || block.text === ''))
        problems.push(`messages.${i}.content.${j}: text content blocks must be non-empty`);
      if (block.type === 'tool_use') {
        if (typeof block.id !== 'string' || !/^[a-zA-Z0-9_-]+$/.test(block.id))
          problems.push(
            `messages.${i}.content.${j}.id: String should match pattern '^[a-zA-Z0-9_-]+$'`,
          );
        if (typeof block.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(block.name))
          problems.push(`messages.${i}.content.${j}.name: String should match pattern`);
        if (!isRecord(block.input))
          problems.push(`messages.${i}.content.${j}.input: must be an object`);
        toolUses.add(String(block.id));
      }
      if (block.type === 'tool_result') {
        if (msg.role !== 'user')
          problems.push(`messages.${i}.content.${j}: tool_result only in user messages`);
        if (!prevToolUses.has(String(block.tool_use_id))) {
          problems.push(
            `messages.${i}.content.${j}: unexpected tool_use_id found in tool_result blocks: ${String(block.tool_use_id)}. Each tool_result block must have a corresponding tool_use block in the previous message.`,
          );
        }
      }
      if (
        block.type === 'thinking' &&
        (typeof block.signature !== 'string' || block.signature === '')
      )
        problems.push(`messages.${i}.content.${j}.signature: Field required`);
    });
    if (prevToolUses.size > 0) {
      const answered = new Set(
        content
          .map((c) => asRecord(c))
          .filter((c) => c.type === 'tool_result')
          .map((c) => String(c.tool_use_id)),
      );
      for (const id of prevToolUses)
        if (!answered.has(id))
          problems.push(
            `messages.${i}: tool_use ids were found without tool_result blocks immediately after: ${id}`,
          );
    }
    prevToolUses = toolUses;
    prevRole = msg.role;
  });
  asArray(b.tools).forEach((t, i) => {
    const tool = asRecord(t);
    if (typeof tool.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(tool.name))
      problems.push(`tools.${i}.name: String should match pattern`);
    if (asRecord(tool.input_schema).type !== 'object')
      problems.push(`tools.${i}.input_schema.type: Input should be 'object'`);
  });
  const thinking = asRecord(b.thinking);
  if (thinking.type === 'enabled') {
    const budget = Number(thinking.budget_tokens);
    if (!(budget >= 1024)) problems.push('thinking.budget_tokens: must be >= 1024');
    if (!(budget < Number(b.max_tokens)))
      problems.push('max_tokens must be greater than thinking.budget_tokens');
    const tc = asRecord(b.tool_choice).type;
    if (tc === 'any' || tc === 'tool')
      problems.push('Thinking may not be enabled when tool_choice forces tool use.');
  }
  if (typeof b.temperature === 'number' && (b.temperature < 0 || b.temperature > 1))
    problems.push('temperature: must be between 0 and 1');
  return problems;
}

/** Gemini generateContent: roles user/model, non-empty parts, schema subset, call/response counts. */
export function validateGeminiRequest(body: unknown): string[] {
  const problems: string[] = [];
  const b = asRecord(body);
  if ('model' in b) problems.push('Invalid JSON payload received. Unknown name "model"');
  if ('stream' in b) problems.push('Invalid JSON payload received. Unknown name "stream"');
  const contents = asArray(b.contents);
  if (contents.length === 0) problems.push('contents is not specified');
  let prevRole: unknown;
  let prevCalls = 0;
  contents.forEach((c, i) => {
    const content = asRecord(c);
    if (content.role !== 'user' && content.role !== 'model')
      problems.push(`contents[${i}].role: Please use a valid role: user, model.`);
    if (content.role === prevRole)
      problems.push(
        `contents[${i}]: Please ensure that multiturn requests alternate between user and model.`,
      );
    const parts = asArray(content.parts);
    if (parts.length === 0) problems.push(`contents[${i}].parts must not be empty`);
    let calls = 0;
    let responses = 0;
    parts.forEach((p, j) => {
      const part = asRecord(p);
      const data = ['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse'].filter(
        (k) => k in part,
      );
      if (data.length !== 1)
        problems.push(
          `contents[${i}].parts[${j}]: required oneof field 'data' must have one initialized field`,
        );
      if (part.functionCall !== undefined) calls++;
      if (part.functionResponse !== undefined) {
        responses++;
        if (!isRecord(asRecord(part.functionResponse).response))
          problems.push(`contents[${i}].parts[${j}].functionResponse.response must be an object`);
      }
    });
    if (calls > 0 && content.role !== 'model')
      problems.push(`contents[${i}]: functionCall parts only in model turns`);
    if (prevCalls > 0 && responses !== prevCalls) {
      problems.push(
        `contents[${i}]: Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.`,
      );
    }
    prevCalls = calls;
    prevRole = content.role;
  });
  asArray(b.tools).forEach((t, i) => {
    asArray(asRecord(t).functionDeclarations).forEach((d, j) => {
      const decl: Json = asRecord(d);
      if (typeof decl.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/.test(decl.name))
        problems.push(`tools[${i}].function_declarations[${j}].name: invalid`);
      if ('strict' in decl)
        problems.push(`tools[${i}].function_declarations[${j}]: Unknown name "strict"`);
      checkSchemaKeys(
        decl.parameters,
        `tools[${i}].function_declarations[${j}].parameters`,
        problems,
      );
    });
  });
  const gc = asRecord(b.generationConfig);
  if (gc.responseSchema !== undefined)
    checkSchemaKeys(gc.responseSchema, 'generationConfig.response_schema', problems);
  if (asArray(gc.stopSequences).length > 5)
    problems.push('generationConfig.stop_sequences: at most 5');
  return problems;
}

/** OpenAI Chat Completions: roles, tool message pairing, id length, names, stop count. */
export function validateOpenAIChatRequest(body: unknown): string[] {
  const problems: string[] = [];
  const b = asRecord(body);
  if (typeof b.model !== 'string' || b.model === '')
    problems.push("Missing required parameter: 'model'.");
  const messages = asArray(b.messages);
  if (messages.length === 0) problems.push("Invalid 'messages': empty array.");
  let pending = new Set<string>();
  messages.forEach((m, i) => {
    const msg = asRecord(m);
    if (!['system', 'developer', 'user', 'assistant', 'tool'].includes(String(msg.role)))
      problems.push(`Invalid value for 'messages[${i}].role'.`);
    if (msg.role === 'tool') {
      if (!pending.has(String(msg.tool_call_id)))
        problems.push(
          `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls' (messages[${i}]).`,
        );
      pending.delete(String(msg.tool_call_id));
      return;
    }
    if (pending.size > 0)
      problems.push(
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id' (messages[${i}]).`,
      );
    pending = new Set();
    asArray(msg.tool_calls).forEach((c, j) => {
      const call = asRecord(c);
      const id = String(call.id);
      if (id.length > 40)
        problems.push(
          `Invalid 'messages[${i}].tool_calls[${j}].id': string too long. Expected a string with maximum length 40`,
        );
      if (typeof asRecord(call.function).arguments !== 'string')
        problems.push(`messages[${i}].tool_calls[${j}].function.arguments must be a string`);
      pending.add(id);
    });
  });
  asArray(b.tools).forEach((t, i) => {
    const name = asRecord(asRecord(t).function).name;
    if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name))
      problems.push(`Invalid 'tools[${i}].function.name': string does not match pattern.`);
  });
  if (Array.isArray(b.stop) && b.stop.length > 4)
    problems.push("Invalid 'stop': array too long. Expected an array with maximum length 4");
  if (typeof b.temperature === 'number' && (b.temperature < 0 || b.temperature > 2))
    problems.push("Invalid 'temperature'.");
  if (b.stream_options !== undefined && b.stream !== true)
    problems.push("The 'stream_options' parameter is only allowed when 'stream' is enabled.");
  return problems;
}
