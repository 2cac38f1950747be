import { isUuid } from '../../common/uuid';

/** A team named in configuration: by its id, or by its exact name. */
export type TeamRef = { id: string } | { name: string };

/**
 * A UUID is read as an id, anything else as a name (matched exactly, case included): a team whose
 * name looks like a UUID is named by its id instead.
 */
export function teamRef(value: string): TeamRef {
  return isUuid(value) ? { id: value.toLowerCase() } : { name: value };
}
