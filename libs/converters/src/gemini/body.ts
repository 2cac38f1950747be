// The client's own generateContent body, as key policies edit it before any conversion.
import type { BodyCodec } from '../codec';
import { asRecord, cappedNumber, isRecord, pickNumber } from '../shared/json';

export const geminiBody: BodyCodec = {
  params: {
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
  promptFields: ['systemInstruction', 'contents', 'tools'],
  injectSystemPrompt(body, prompt) {
    const si = isRecord(body.systemInstruction) ? body.systemInstruction : undefined;
    const parts = Array.isArray(si?.parts) ? si.parts : [];
    return { ...body, systemInstruction: { ...si, parts: [{ text: prompt }, ...parts] } };
  },
  requestedMaxTokens: (body) => pickNumber(asRecord(body.generationConfig).maxOutputTokens),
  // generateContent has no end user field (`labels` is Vertex only): the header names it.
  endUser: () => undefined,
  withMaxTokens(body, maxTokens) {
    const gc = isRecord(body.generationConfig) ? body.generationConfig : undefined;
    return {
      ...body,
      generationConfig: { ...gc, maxOutputTokens: cappedNumber(gc?.maxOutputTokens, maxTokens) },
    };
  },
};
