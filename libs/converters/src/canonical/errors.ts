/** A client request the gateway cannot convert; rendered by the server as a 400 in the client's format. */
export class InvalidRequestError extends Error {
  readonly status = 400;
  readonly param?: string;

  constructor(message: string, param?: string) {
    super(message);
    this.name = 'InvalidRequestError';
    this.param = param;
  }
}

/** An upstream answer the gateway cannot read (not the shape its API documents); the server answers 502. */
export class UpstreamAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamAnswerError';
  }
}
