import type { WireFormat } from '@gateway/converters';
import { USAGE_MARKER, usageFromBody, type TokenUsage } from './usage';

export interface AnswerFacts {
  usage: TokenUsage | undefined;
  /** The answer's top-level `id`, when it leads the object (OpenAI's and Anthropic's order). */
  id: string | undefined;
}

const LEADING_ID = /^\s*\{\s*"id"\s*:\s*"([^"\\]{1,200})"/;

/**
 * What a passed-through (non-streamed) answer tells analytics, read without parsing the whole body:
 * the top-level usage object, which every provider writes after the content, is cut out from the tail
 * and parsed alone; the id from the head. Returns undefined whenever the shape is not certain (no usage
 * key, usage not at the top level, a body that does not look like one JSON object): the caller then
 * parses the whole body as before.
 */
export function readAnswerTail(format: WireFormat, text: string): AnswerFacts | undefined {
  const marker = USAGE_MARKER[format];
  const end = lastNonSpace(text);
  if (end < 0 || text.charCodeAt(end) !== 0x7d /* } */) return undefined;
  const at = text.lastIndexOf(marker);
  if (at < 0) return undefined;
  let i = skipSpace(text, at + marker.length);
  if (text.charCodeAt(i) !== 0x3a /* : */) return undefined;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) !== 0x7b /* { */) return undefined;
  const close = matchingBrace(text, i);
  if (close < 0 || !closesTopLevel(text, close + 1, end)) return undefined;
  let usageObject: unknown;
  try {
    usageObject = JSON.parse(text.slice(i, close + 1));
  } catch {
    return undefined;
  }
  const key = marker.slice(1, -1);
  return {
    usage: usageFromBody(format, { [key]: usageObject }),
    id: LEADING_ID.exec(text)?.[1],
  };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function lastNonSpace(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return i;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Index of the `}` closing the object opened at `open`, strings (and their escapes) skipped; -1 if none. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return c === 0x7d ? i : -1;
    }
  }
  return -1;
}

/** Index of the quote ending the string that starts at `quote`; -1 if it never ends. */
function stringEnd(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}

/**
 * Whether `text[from..end]` is the rest of the top-level object: members at depth one, closed by the
 * final `}` at `end` and not before. A usage object nested deeper (inside a tool's input) fails this.
 */
function closesTopLevel(text: string, from: number, end: number): boolean {
  let depth = 1;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
      if (i < 0 || i >= end) return false;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth < 1) return false;
    }
  }
  return depth === 1;
}
