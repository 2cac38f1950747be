// OpenAI's BPE encodings through gpt-tokenizer (a maintained pure-JS port of tiktoken), loaded on
// first use: each is tens of megabytes once parsed, so a gateway that never counts never pays for it.
// Model → encoding as in tiktoken: https://github.com/openai/tiktoken/blob/main/tiktoken/model.py
import { Logger } from '@nestjs/common';

export type EncodingName = 'o200k_base' | 'cl100k_base';

export interface Tokenizer {
  /** Tokens of `text`; bounded work per character (see `boundedPieces`). */
  countTokens(text: string): number;
}

/** Which encoding counts a model's tokens, and whether it is that model's own (`exact`). */
export interface EncodingChoice {
  encoding: EncodingName;
  exact: boolean;
}

// GPT-4o, 4.1, 4.5, 5, the o-series, gpt-oss (o200k_harmony: o200k plus chat markers), codex.
const O200K = /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o[1-9]|chatgpt-4o|gpt-oss|codex|computer-use)/;
// GPT-4 and 3.5 Turbo, and the embedding models of that generation.
const CL100K = /^(gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada-002)/;

/**
 * The encoding of an OpenAI model (its catalog name, with or without a route prefix such as
 * `azure/` or `openai/`). Every other model (Llama, Mistral, Qwen, DeepSeek… on OpenAI-compatible
 * providers) is counted with cl100k_base as an estimate: their tokenizers are BPE vocabularies of
 * 100k–150k entries (Llama 3 keeps cl100k's 100k and adds 28k), so cl100k lands within a few percent
 * on English and far closer than characters ÷ 4 on code and other languages.
 */
const choices = new Map<string, EncodingChoice>();
const MAX_CACHED_MODELS = 1000;

export function encodingFor(model: string): EncodingChoice {
  let choice = choices.get(model);
  if (choice) return choice;
  const name = model.toLowerCase().split('/').pop() ?? '';
  if (O200K.test(name)) choice = { encoding: 'o200k_base', exact: true };
  else if (CL100K.test(name)) choice = { encoding: 'cl100k_base', exact: true };
  else choice = { encoding: 'cl100k_base', exact: false };
  // Model names come from clients: the cache is bounded (cleared when full).
  if (choices.size >= MAX_CACHED_MODELS) choices.clear();
  choices.set(model, choice);
  return choice;
}

// User text may contain `<|endoftext|>` and friends: the API counts them as plain text, so must we.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

interface EncodingModule {
  countTokens(text: string, options: typeof PLAIN_TEXT): number;
}

// The CommonJS build. The specifier is resolved by Node at run time (the package's `exports`), not by
// the compiler: this file is also compiled under `nodenext` (the CLI's tests), where a dynamic import
// would pick the package's ESM condition instead.
const MODULES: Record<EncodingName, string> = {
  o200k_base: 'gpt-tokenizer/cjs/encoding/o200k_base',
  cl100k_base: 'gpt-tokenizer/cjs/encoding/cl100k_base',
};
const importEncoding = (specifier: string) => import(specifier) as Promise<EncodingModule>;

// BPE merges one pre-token (a word, a run of punctuation) in time that grows with the square of its
// length: 100 KB of a single repeated character took 20 s in one call. Runs of non-space characters are
// therefore tokenized in pieces of at most MAX_RUN characters (at most ~0.1 ms each); words, URLs and
// identifiers are far shorter, so they count the same (a markdown table's long rules may differ by a
// token).
const MAX_RUN = 128;

/** JavaScript's `\s`, tested on a UTF-16 code unit without a regular expression. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * `text` cut so that no piece holds a run of more than MAX_RUN non-space characters (one pass over the
 * code units: a regular expression for it cost a third as much as tokenizing).
 */
export function boundedPieces(text: string): string[] {
  if (text.length <= MAX_RUN) return [text];
  let out: string[] | undefined;
  let last = 0;
  let run = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSpace(text.charCodeAt(i))) {
      if (run === -1) run = i;
      continue;
    }
    if (run !== -1 && i - run > MAX_RUN) {
      out ??= [];
      if (run > last) out.push(text.slice(last, run));
      for (let j = run; j < i; j += MAX_RUN) out.push(text.slice(j, Math.min(j + MAX_RUN, i)));
      last = i;
    }
    run = -1;
  }
  if (!out) return [text];
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function tokenizerOf(mod: EncodingModule): Tokenizer {
  return {
    countTokens(text) {
      let n = 0;
      for (const piece of boundedPieces(text)) n += mod.countTokens(piece, PLAIN_TEXT);
      return n;
    },
  };
}

const loaded = new Map<EncodingName, Tokenizer>();
const loading = new Map<EncodingName, Promise<Tokenizer>>();
const logger = new Logger('Tokenizer');

/** The encoding, loaded on first call (o200k_base takes about 0.3 s and 70 MB, cl100k_base 0.1 s and 40 MB). */
export function loadTokenizer(name: EncodingName): Promise<Tokenizer> {
  const ready = loaded.get(name);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(name);
  if (!pending) {
    pending = importEncoding(MODULES[name]).then(
      (mod) => {
        const tokenizer = tokenizerOf(mod);
        loaded.set(name, tokenizer);
        loading.delete(name);
        return tokenizer;
      },
      (err: unknown) => {
        loading.delete(name);
        throw err;
      },
    );
    loading.set(name, pending);
  }
  return pending;
}

/**
 * The encoding if it is loaded already; otherwise undefined, and loading starts on a later turn of
 * the event loop, so the request asking (an admission estimate on the hot path) is not held up by it.
 */
export function loadedTokenizer(name: EncodingName): Tokenizer | undefined {
  const ready = loaded.get(name);
  if (!ready && !loading.has(name)) {
    setImmediate(() => {
      loadTokenizer(name).catch((err: Error) =>
        logger.error(`Loading the ${name} encoding failed: ${err.message}`),
      );
    });
  }
  return ready;
}

const SLICE_CHARS = 32 * 1024;

/** Where to end a slice starting at `start`: before a space that follows a word, else at the size. */
function sliceEnd(text: string, start: number): number {
  const limit = start + 2 * SLICE_CHARS;
  let cut = text.indexOf(' ', start + SLICE_CHARS);
  while (cut !== -1 && cut < limit && /\s/.test(text[cut - 1])) cut = text.indexOf(' ', cut + 1);
  return cut === -1 || cut >= limit ? start + SLICE_CHARS : cut;
}

/**
 * Tokens of a text of any size without holding the event loop: counted in slices of about 32 KB
 * (cut before a space that follows a word, where no token straddles), yielding between them.
 */
export async function countTokensYielding(tokenizer: Tokenizer, text: string): Promise<number> {
  let n = 0;
  let start = 0;
  while (text.length - start > SLICE_CHARS) {
    const end = sliceEnd(text, start);
    n += tokenizer.countTokens(text.slice(start, end));
    start = end;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return n + tokenizer.countTokens(text.slice(start));
}
