import type { CanonicalParam, CanonicalRequest } from '../canonical/types';
import type { ParamNames } from '../codec';

/**
 * Collects dropped params for one conversion, named as the client sent them (`clientParams`: the source
 * format's codec `body.params`), without duplicates.
 */
export class DroppedParams {
  private readonly names = new Set<string>();

  constructor(
    private readonly req: CanonicalRequest,
    private readonly clientParams: ParamNames,
  ) {
    for (const p of req.unsupportedParams) this.names.add(p);
  }

  drop(param: CanonicalParam): void {
    this.names.add(this.clientParams[param]);
  }

  /** Drops `param` when the request set it. */
  dropIfSet(param: CanonicalParam): void {
    if (this.req[param] !== undefined) this.drop(param);
  }

  raw(name: string): void {
    this.names.add(name);
  }

  list(): string[] {
    return [...this.names];
  }
}

export function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}
