import type { Logger } from '@nestjs/common';

export interface EmbeddedDatabase {
  url: string;
  /** The cluster's folder (DATA_DIR/postgres, or where POSTGRES_LOCATION.txt points). */
  clusterDir: string;
  /** pid of the postmaster. */
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Database created (if missing) and named in the URL. */
  database?: string;
  logger?: Pick<Logger, 'log' | 'warn' | 'error' | 'debug'>;
}

/** The logger every part receives (the options' logger, or a Nest Logger by default). */
export type Log = EmbeddedPostgresOptions['logger'] & object;

export interface Binaries {
  dir: string;
  version: string;
  initdb: string;
  postgres: string;
}

/** The unprivileged user Postgres runs as when the gateway runs as root. */
export interface RunAs {
  uid: number;
  gid: number;
}

export const SUPERUSER = 'postgres';
export const PASSWORD = 'postgres';
export const RUN_AS = 'postgres';
/** Root-owned, world-traversable home for the binaries' copy and for clusters of private DATA_DIRs. */
export const SYSTEM_DIR = '/var/lib/llm-gateway';
export const POINTER_FILE = 'POSTGRES_LOCATION.txt';

/** The lines that say what went wrong (Postgres puts it in FATAL/PANIC/ERROR/HINT lines), else the last ones. */
export function lastLines(output: string): string {
  const lines = output.split('\n').filter((l) => l.trim());
  const telling = lines.filter((l) => /\b(FATAL|PANIC|ERROR|HINT|DETAIL)\b|initdb:/.test(l));
  return (telling.length ? telling : lines).slice(-4).join(' | ') || '(no output)';
}
