import type { WireFormat } from '@gateway/converters';
import type { UpstreamTarget } from '../upstream-targets';

/** How to reach one API family: which wire format it speaks, where, and with which headers. */
export interface UpstreamAdapter {
  readonly format: WireFormat;
  url(target: UpstreamTarget, upstreamModel: string, stream: boolean): URL;
  /** Extra headers; `clientHeaders` are the incoming request's (only allow-listed ones are copied). */
  headers(
    target: UpstreamTarget,
    clientHeaders: Record<string, string | string[] | undefined>,
  ): Record<string, string>;
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
