// Human output: small aligned tables and key/value blocks. Machine output (--json) is the API's JSON as is.

/**
 * @template T
 * @typedef {object} Column
 * @property {string} header
 * @property {(row: T) => unknown} value
 * @property {number} [max]            cut longer cells with "…"
 * @property {'left' | 'right'} [align]
 */

/** @param {unknown} value */
export function printJson(value) {
  process.stdout.write(`${JSON.stringify(value ?? null, null, 2)}\n`);
}

/** @param {string} text */
export function print(text) {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Notes for humans go to stderr so stdout stays the command's result. @param {string} text */
export function note(text) {
  process.stderr.write(`${text}\n`);
}

/** One printable line: control characters (newlines, escapes from server data) become spaces. @param {unknown} value */
export function cell(value) {
  if (value === null || value === undefined || value === '') return '-';
  if (Array.isArray(value)) return value.length ? value.map(String).join(',') : '-';
  if (typeof value === 'object') return JSON.stringify(value);
  // eslint-disable-next-line no-control-regex
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

/**
 * @template T
 * @param {T[]} rows
 * @param {Column<T>[]} columns
 * @returns {string}
 */
export function renderTable(rows, columns) {
  const body = rows.map((row) =>
    columns.map((c) => {
      const text = cell(c.value(row));
      return c.max && text.length > c.max ? `${text.slice(0, c.max - 1)}…` : text;
    }),
  );
  const widths = columns.map((c, i) => Math.max(c.header.length, ...body.map((r) => r[i].length)));
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((text, i) =>
        columns[i].align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...body.map(line)].join('\n');
}

/**
 * @template T
 * @param {T[]} rows
 * @param {Column<T>[]} columns
 * @param {string} empty  what to say when there are no rows
 */
export function printTable(rows, columns, empty) {
  print(rows.length ? renderTable(rows, columns) : empty);
}

/** @param {[string, unknown][]} pairs */
export function printFields(pairs) {
  const width = Math.max(...pairs.map(([k]) => k.length));
  print(pairs.map(([k, v]) => `${k.padEnd(width)}  ${cell(v)}`).join('\n'));
}

/** @param {number | null | undefined} usd */
export function money(usd) {
  if (usd === null || usd === undefined) return '-';
  return `$${usd < 0.01 && usd > 0 ? usd.toPrecision(2) : usd.toFixed(2)}`;
}

/** @param {number | null | undefined} n */
export function int(n) {
  return n === null || n === undefined ? '-' : Math.round(n).toLocaleString('en-US');
}
