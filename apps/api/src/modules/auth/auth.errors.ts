import {
  DomainError,
  ErrorCode,
  ForbiddenError,
  UnauthenticatedError,
} from '../../common/domain-errors';

export class EmailTakenError extends DomainError {
  constructor() {
    super(ErrorCode.Conflict, 'An account with this email already exists');
  }
}

export class BadCredentialsError extends UnauthenticatedError {
  constructor() {
    super('Wrong email or password');
  }
}

export class AlreadyRegisteredError extends DomainError {
  constructor() {
    super(ErrorCode.Conflict, 'This user already has an email and password');
  }
}

/** SIGNUP_MODE forbids creating this account. */
export class SignupNotAllowedError extends ForbiddenError {}

export class LoginRequiredError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.LoginRequired, message);
  }
}

export class AccountDisabledError extends ForbiddenError {
  constructor() {
    super('This account is disabled: ask an administrator');
  }
}

export class AdminRequiredError extends ForbiddenError {
  constructor() {
    super('Only administrators (ADMIN_API_KEY or a user with role admin) may do this');
  }
}

export class LoginThrottledError extends DomainError {
  constructor(retryAfterS: number) {
    super(ErrorCode.RateLimited, `Too many failed logins: try again in ${retryAfterS} s`, {
      headers: { 'retry-after': String(retryAfterS) },
    });
  }
}
