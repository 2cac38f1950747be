import type { AuditAction, AuditActorType } from '@gateway/contracts';

/** Who did it. `label` is what a reader recognises (email or username) at the time of the action. */
export interface AuditActor {
  type: AuditActorType;
  id: string | null;
  label: string | null;
}

/** What changed. Details hold old and new values; secrets are removed before anything is stored. */
export interface AuditEntry {
  action: AuditAction;
  target: { type: string; id: string | null };
  gatewayId?: string | null;
  details?: Record<string, unknown>;
  /** Default: the authenticated caller of the current management request. */
  actor?: AuditActor;
  /** Default: the current management request's client address. */
  ip?: string | null;
}

/**
 * The audit log as every module sees it (a port, like EnvCredentials): modules at any layer record
 * their changes here, and the audit module binds it to its Postgres table. Teams and roles record
 * member and role changes through the same call (`team.member_add`, `team.member_role_change`, …).
 */
export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
}

export const AUDIT_TRAIL = Symbol('AUDIT_TRAIL');

/** Only the fields that changed between two public shapes, as `{ old, new }`. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { old: Record<string, unknown>; new: Record<string, unknown> } {
  const old: Record<string, unknown> = {};
  const next: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      old[k] = before[k];
      next[k] = after[k];
    }
  }
  return { old, new: next };
}
