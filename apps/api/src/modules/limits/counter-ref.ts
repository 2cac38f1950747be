import type { SubjectKind } from '@gateway/contracts';
import type { DurableCounter } from './counter-windows';

/** One durable counter: a subject's token quota or budget in one day or month. */
export interface CounterRef {
  subjectKind: SubjectKind;
  subjectId: string;
  counter: DurableCounter;
  /** `2026-03-10` or `2026-03`. */
  period: string;
}

/** A unique string per counter (the subject id goes last: it may contain `:`). */
export function refKey(ref: CounterRef): string {
  return `${ref.counter}:${ref.period}:${ref.subjectKind}:${ref.subjectId}`;
}
