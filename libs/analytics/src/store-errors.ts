/**
 * ClickHouse error codes that mean "this data cannot be inserted" (the same rows will fail every time),
 * as opposed to a store that is down, overloaded or misconfigured. See ClickHouse's ErrorCodes.cpp.
 */
const BAD_DATA_CODES = new Set([
  6, // CANNOT_PARSE_TEXT
  25, // CANNOT_PARSE_ESCAPE_SEQUENCE
  26, // CANNOT_PARSE_QUOTED_STRING
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  32, // ATTEMPT_TO_READ_AFTER_EOF
  33, // CANNOT_READ_ALL_DATA
  38, // CANNOT_PARSE_DATE
  41, // CANNOT_PARSE_DATETIME
  53, // TYPE_MISMATCH
  69, // ARGUMENT_OUT_OF_BOUND
  70, // CANNOT_CONVERT_TYPE
  72, // CANNOT_PARSE_NUMBER
  117, // INCORRECT_DATA
  131, // TOO_LARGE_STRING_SIZE
  321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  407, // DECIMAL_OVERFLOW
]);

/**
 * The ClickHouse error code of a failure, from chDB (`clickhouseCode`), @clickhouse/client (`code` as a
 * numeric string) or the `Code: N.` prefix of the message; null for anything else (network, fs, …).
 */
export function clickHouseErrorCode(e: unknown): number | null {
  if (typeof e !== 'object' || e === null) return null;
  const err = e as { clickhouseCode?: unknown; code?: unknown; message?: unknown };
  if (typeof err.clickhouseCode === 'number') return err.clickhouseCode;
  if (typeof err.code === 'string' && /^\d+$/.test(err.code)) return Number(err.code);
  const m =
    typeof err.message === 'string' ? /^Code: (\d+)\. DB::Exception/.exec(err.message) : null;
  return m ? Number(m[1]) : null;
}

/** True when the store answered and rejected the rows themselves (retrying them can never succeed). */
export function isBadDataError(e: unknown): boolean {
  const code = clickHouseErrorCode(e);
  return code !== null && BAD_DATA_CODES.has(code);
}

/** Codes of a store that is busy or short of resources: retried with backoff, never dead-lettered. */
const TRANSIENT_CODES = new Set([
  159, // TIMEOUT_EXCEEDED
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  236, // ABORTED
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY
  243, // NOT_ENOUGH_SPACE
  252, // TOO_MANY_PARTS
  394, // QUERY_WAS_CANCELLED
  425, // SYSTEM_ERROR
]);

export function isTransientError(e: unknown): boolean {
  const code = clickHouseErrorCode(e);
  return code !== null && TRANSIENT_CODES.has(code);
}
