// Pure rules of the stored Responses state: which items a request contributes, how a chain of stored
// responses becomes the `input` replayed to the upstream, and how `input_items` are listed and paged.
// https://platform.openai.com/docs/api-reference/responses/input-items

export type Item = Record<string, unknown>;

/** One stored response of a chain, oldest first when replayed. */
export interface ChainLink {
  id: string;
  inputItems: Item[];
  response: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The client's `input` as a list of items: a string is one user message. */
export function inputItemsOf(input: unknown): Item[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  return Array.isArray(input) ? input.filter(isRecord) : [];
}

/**
 * Output items worth replaying. A reasoning item without `encrypted_content` is a reference to state
 * kept by the provider that made it, which no upstream can resolve once the gateway replays the turn
 * itself (and OpenAI refuses it under `store: false`), so it is left out.
 */
function replayable(item: Item): boolean {
  if (item.type !== 'reasoning') return true;
  return typeof item.encrypted_content === 'string' && item.encrypted_content !== '';
}

/** The conversation so far, as Responses input items: each turn's input, then its output. */
export function replayItems(chain: readonly ChainLink[]): Item[] {
  const out: Item[] = [];
  for (const link of chain) {
    out.push(...link.inputItems);
    const output = Array.isArray(link.response.output) ? link.response.output : [];
    for (const item of output) if (isRecord(item) && replayable(item)) out.push(item);
  }
  return out;
}

const ID_PREFIX: Record<string, string> = {
  message: 'msg',
  function_call: 'fc',
  function_call_output: 'fco',
  reasoning: 'rs',
};

/**
 * An input item as `input_items` lists it: with an `id` (the client's, or one derived from the
 * response and the item's position, so it is stable across calls and pages) and message content as
 * a list of parts.
 */
export function listedItem(item: Item, responseId: string, index: number): Item {
  const type = typeof item.type === 'string' ? item.type : 'message';
  const id =
    typeof item.id === 'string' && item.id !== ''
      ? item.id
      : `${ID_PREFIX[type] ?? 'item'}_${responseId}_in${index}`;
  const out: Item = { ...item, id, type };
  if (type === 'message' && typeof item.content === 'string') {
    const partType = item.role === 'assistant' ? 'output_text' : 'input_text';
    out.content = [{ type: partType, text: item.content }];
  }
  return out;
}

/**
 * Every item that produced the last response of `chain`, in conversation order: the earlier turns'
 * inputs and outputs and its own input (OpenAI lists the history of a chained response too).
 */
export function conversationItems(chain: readonly ChainLink[]): Item[] {
  const out: Item[] = [];
  chain.forEach((link, n) => {
    link.inputItems.forEach((item, i) => out.push(listedItem(item, link.id, i)));
    if (n === chain.length - 1) return;
    const output = Array.isArray(link.response.output) ? link.response.output : [];
    for (const item of output) if (isRecord(item)) out.push(item);
  });
  return out;
}

export interface ItemsPage {
  after?: string;
  before?: string;
  limit: number;
  order: 'asc' | 'desc';
}

export interface ItemList {
  object: 'list';
  data: Item[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** One page of `items` (conversation order) in OpenAI's list shape; unknown cursors give an empty page. */
export function pageOf(items: readonly Item[], page: ItemsPage): ItemList {
  const ordered = page.order === 'desc' ? [...items].reverse() : [...items];
  let start = 0;
  let end = ordered.length;
  if (page.after !== undefined) {
    const i = ordered.findIndex((it) => it.id === page.after);
    start = i === -1 ? ordered.length : i + 1;
  }
  if (page.before !== undefined) {
    const i = ordered.findIndex((it) => it.id === page.before);
    end = i === -1 ? 0 : i;
  }
  const window = ordered.slice(start, Math.max(start, end));
  const data = page.before !== undefined ? window.slice(-page.limit) : window.slice(0, page.limit);
  const id = (it: Item | undefined) => (typeof it?.id === 'string' ? it.id : null);
  return {
    object: 'list',
    data,
    first_id: id(data[0]),
    last_id: id(data[data.length - 1]),
    has_more: data.length < window.length,
  };
}
