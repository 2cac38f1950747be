import { DomainError, ErrorCode } from '../../common/domain-errors';

/** Why a single sign-on attempt stopped; the message is written for the person signing in. */
export class SsoError extends DomainError {
  static notConfigured(): SsoError {
    return new SsoError(ErrorCode.NotFound, 'Single sign-on is not configured on this gateway');
  }

  /** A callback without its login cookie, or with a state that does not match it. */
  static badState(detail: string): SsoError {
    return new SsoError(ErrorCode.InvalidRequest, `${detail}: start again from the sign-in page`);
  }

  static forbidden(message: string): SsoError {
    return new SsoError(ErrorCode.Forbidden, message);
  }

  static conflict(message: string): SsoError {
    return new SsoError(ErrorCode.Conflict, message);
  }

  /** The identity provider said no (the user cancelled, or is not assigned to the application). */
  static refused(detail: string): SsoError {
    return new SsoError(ErrorCode.Forbidden, `Sign-in was not completed: ${detail}`);
  }

  /** The identity provider could not be reached or its answer did not verify. */
  static provider(detail: string): SsoError {
    return new SsoError(ErrorCode.Upstream, `Single sign-on failed: ${detail}`);
  }
}
