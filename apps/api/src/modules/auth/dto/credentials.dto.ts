// The shapes live in @gateway/contracts, shared with the dashboard; these names are the API's.
export {
  CredentialsBody as CredentialsDto,
  RegisterBody as RegisterDto,
  type User as UserDto,
  type Session as SessionDto,
  type JoinResponse as JoinDto,
} from '@gateway/contracts';
