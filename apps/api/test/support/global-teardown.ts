import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export default async function globalTeardown(): Promise<void> {
  const embedded = globalThis.__EMBEDDED_PG__;
  if (!embedded) return;
  await embedded.db.stop();
  await rm(embedded.dir, { recursive: true, force: true });
  // Kept outside (a private TMPDIR as root): its folder under /var/lib/llm-gateway/clusters goes too.
  if (!embedded.db.clusterDir.startsWith(embedded.dir)) {
    await rm(dirname(embedded.db.clusterDir), { recursive: true, force: true });
  }
}
