// Exit codes scripts can rely on (also printed in `llm-gateway --help`).
export const EXIT = Object.freeze({ OK: 0, API: 1, USAGE: 2, CONNECT: 3 });

/** The server answered with an HTTP error (4xx/5xx): exit 1. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   * @param {unknown} [body]
   */
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** Bad flags, missing credentials or configuration: exit 2. */
export class UsageError extends Error {}

/** The server could not be reached (refused, DNS, timeout, TLS): exit 3. */
export class ConnectError extends Error {}

/** A check or test the user asked for came back negative although every request succeeded: exit 1. */
export class CheckFailed extends Error {}
