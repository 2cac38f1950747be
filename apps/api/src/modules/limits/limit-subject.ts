import { createHash } from 'node:crypto';
import {
  COUNTER_NAMES,
  type CounterName,
  type SubjectKind,
  type SubjectLimits,
} from '@gateway/contracts';
import { textProblem } from '../../common/input-guards';

export type { CounterName, SubjectKind, SubjectLimits } from '@gateway/contracts';

/**
 * Whoever a request is counted against: its key, its end user, the gateway as a whole, a team. An
 * admission reserves on every subject that applies; the first counter over its limit refuses the
 * request and names the subject.
 */
export interface LimitSubject {
  kind: SubjectKind;
  /** Unique within its kind: a key id, `<gatewayId>:<end user>`, a gateway id, a team id. */
  id: string;
  /** How a 429 names it: `key 'ci'`, `end user 'alice'`. */
  label: string;
  /** Where its limits are configured, prefixed to a limit's name in a 429 (`end_user` → `end_user.rpm`). */
  configPath: string;
  limits: SubjectLimits;
}

/** A subject with at least one counted limit, or undefined (nothing to reserve). */
export function limitSubject(subject: LimitSubject): LimitSubject | undefined {
  return COUNTER_NAMES.some((name) => subject.limits[name] !== undefined) ? subject : undefined;
}

/** The name a 429 gives a limit: `rpm` for a key's own, `end_user.rpm`, `gateway.budget_usd_per_day`. */
export function limitPath(subject: LimitSubject, counter: CounterName): string {
  return subject.configPath ? `${subject.configPath}.${counter}` : counter;
}

// eslint-disable-next-line no-control-regex
const PLAIN_ID = /^[^\u0000-\u001f\u007f]{1,128}$/;

/**
 * An end user id as it is counted and stored: the client's own when it is short, printable and
 * well-formed, else `sha256:<hex>` of it (distinct ids stay distinct; Postgres and Redis keys never
 * see control characters or megabytes).
 */
export function endUserKey(raw: string): string {
  if (PLAIN_ID.test(raw) && textProblem(raw) === undefined) return raw;
  return `sha256:${createHash('sha256').update(raw, 'utf8').digest('hex')}`;
}
