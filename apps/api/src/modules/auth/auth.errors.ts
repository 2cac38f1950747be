import { DomainError, ErrorCode, UnauthenticatedError } from '../../common/domain-errors';

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
