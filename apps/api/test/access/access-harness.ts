import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { api } from '../support/test-app';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const PASSWORD = 'correct horse battery';

/** A fresh address per call: the suites share one database. */
export function email(tag: string): string {
  return `${tag}-${randomUUID().slice(0, 8)}@example.test`;
}

export const asAdmin = { authorization: `Bearer ${ADMIN_KEY}` };
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A user made with the admin key; returns its id and a session token. */
export async function createUser(
  base: string,
  opts: { role?: 'user' | 'admin'; address?: string } = {},
): Promise<{ id: string; email: string; token: string }> {
  const address = opts.address ?? email(opts.role ?? 'user');
  const created = await api(base, 'POST', '/admin/users', {
    headers: asAdmin,
    body: { email: address, password: PASSWORD, role: opts.role },
  });
  if (created.status !== 201) throw new Error(`create user: ${JSON.stringify(created.body)}`);
  const login = await api(base, 'POST', '/auth/login', {
    body: { email: address, password: PASSWORD },
  });
  if (login.status !== 200) throw new Error(`login: ${JSON.stringify(login.body)}`);
  return { id: created.body.id, email: address, token: login.body.token };
}

/** Rows straight from Postgres, to check what is stored. */
export async function sql<T = any>(query: string, params: unknown[] = []): Promise<T[]> {
  const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
  await ds.initialize();
  try {
    return (await ds.query(query, params)) as T[];
  } finally {
    await ds.destroy();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
