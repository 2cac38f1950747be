/** Applies a limits patch: a number sets a limit, null (or undefined) removes it. */
export function mergeLimits<T extends object>(
  current: T,
  patch: Partial<Record<string, number | null | undefined>>,
): T {
  const next: Record<string, number> = { ...(current as Record<string, number>) };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null || value === undefined) delete next[name];
    else next[name] = value;
  }
  return next as T;
}
