/**
 * A rough prompt-size estimate (about 4 characters per token) for count-tokens calls whose upstream has no
 * counting endpoint. Documented as an estimate; real counts come back in each response's usage.
 */
export function estimateTokens(parts: unknown[]): number {
  let chars = 0;
  for (const part of parts) {
    if (part === undefined || part === null) continue;
    chars += typeof part === 'string' ? part.length : JSON.stringify(part).length;
  }
  return Math.max(1, Math.ceil(chars / 4));
}
