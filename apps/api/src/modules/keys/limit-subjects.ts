import { Injectable } from '@nestjs/common';
import { limitSubject, type LimitSubject } from '../limits/limit-subject';
import { GatewayLimitsDirectory } from './gateway-limits.directory';
import type { AdmissionScope } from './key-admission.types';

/** Gives the subject one source limits, or undefined. Runs per request: memory only, no I/O. */
export type SubjectSource = (scope: AdmissionScope) => LimitSubject | undefined;

/**
 * Every subject a request is counted against, in the order a 429 is reported: its key, its end
 * user, its gateway, then any registered source (a team). Admission reserves on all of them.
 */
@Injectable()
export class LimitSubjects {
  private readonly sources: SubjectSource[] = [];

  constructor(gatewayLimits: GatewayLimitsDirectory) {
    this.register(({ key }) =>
      key
        ? limitSubject({
            kind: 'key',
            id: key.id,
            label: `key '${key.name}'`,
            configPath: '',
            limits: key.limits,
          })
        : undefined,
    );
    this.register(({ gatewayId, endUser }) => gatewayLimits.endUserSubject(gatewayId, endUser));
    this.register(({ gatewayId }) => gatewayLimits.gatewaySubject(gatewayId));
  }

  /** Adds a kind of subject (e.g. the gateway's team); checked after the ones already registered. */
  register(source: SubjectSource): void {
    this.sources.push(source);
  }

  resolve(scope: AdmissionScope): LimitSubject[] {
    const out: LimitSubject[] = [];
    for (const source of this.sources) {
      const subject = source(scope);
      if (subject) out.push(subject);
    }
    return out;
  }
}
