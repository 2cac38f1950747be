import { z } from 'zod';

export const CredentialsDto = z.object({
  email: z.string().trim().toLowerCase().email('email must be a valid address').max(320),
  password: z.string().min(8, 'password must have at least 8 characters').max(1024),
});
export type CredentialsDto = z.infer<typeof CredentialsDto>;

export interface UserDto {
  id: string;
  username: string;
  email: string | null;
}

export interface SessionDto {
  user: UserDto;
  token: string;
}
