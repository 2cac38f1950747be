import { matchesAny } from '../keys/caller-key';

/**
 * The gateway offers every server's tools under one name space: `<server>__<tool>`. Server names are
 * slugs without `__`, so the first `__` splits the name back unambiguously (tools may contain `__`).
 */
export const TOOL_SEPARATOR = '__';

export function gatewayToolName(server: string, tool: string): string {
  return `${server}${TOOL_SEPARATOR}${tool}`;
}

export function splitToolName(name: string): { server: string; tool: string } | undefined {
  const at = name.indexOf(TOOL_SEPARATOR);
  if (at <= 0 || at + TOOL_SEPARATOR.length >= name.length) return undefined;
  return { server: name.slice(0, at), tool: name.slice(at + TOOL_SEPARATOR.length) };
}

/** A key's `allowed_tools` patterns (`server__tool`, `server__*`, `*`); empty allows every tool. */
export function toolAllowed(patterns: readonly string[], gatewayName: string): boolean {
  return patterns.includes('*') || matchesAny(patterns, gatewayName);
}
