import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { UsageError } from './errors.mjs';

/**
 * An integer option parser for commander (a bad value is a usage error, exit 2).
 * @param {number} min
 * @param {number} max
 */
export function integer(min, max) {
  return (/** @type {string} */ value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`must be an integer from ${min} to ${max}`);
    }
    return n;
  };
}

/** `a,b,c` → ['a','b','c']; repeating the option adds to the list. */
export function list(/** @type {string} */ value, /** @type {string[] | undefined} */ previous) {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...(previous ?? []), ...items];
}

/** `name=value`, repeatable, into an object. */
export function pair(
  /** @type {string} */ value,
  /** @type {Record<string, string> | undefined} */ previous,
) {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError(`expected name=value, got "${value}"`);
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1).trim() };
}

/** `true|false|on|off|yes|no|1|0` */
export function bool(/** @type {string} */ value) {
  const v = value.trim().toLowerCase();
  if (['true', 'on', 'yes', '1'].includes(v)) return true;
  if (['false', 'off', 'no', '0'].includes(v)) return false;
  throw new InvalidArgumentError('must be true or false');
}

/** An ISO 8601 date or date-time, passed on as written. */
export function isoDate(/** @type {string} */ value) {
  if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('must be an ISO 8601 date');
  return value;
}

/**
 * A JSON object from a file, or from stdin with `-`.
 * @param {string} path
 * @returns {Record<string, unknown>}
 */
export function readJsonObject(path) {
  let text;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${/** @type {Error} */ (err).message}`);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path} is not JSON: ${/** @type {Error} */ (err).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${path} must hold a JSON object`);
  }
  return value;
}

/** Reads a secret from stdin (one line, trimmed). */
export function readStdinLine() {
  const text = readFileSync(0, 'utf8').split(/\r?\n/)[0].trim();
  if (!text) throw new UsageError('nothing on stdin');
  return text;
}

/**
 * Drops undefined fields so a PATCH sends only what the user set.
 * @template {Record<string, unknown>} T
 * @param {T} obj
 * @returns {Partial<T>}
 */
export function defined(obj) {
  return /** @type {Partial<T>} */ (
    Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined))
  );
}
