import cluster from 'node:cluster';

/** Set by the cluster primary on the workers it forks (WORKERS > 1). */
export const CLUSTER_WORKER_ENV = 'GATEWAY_CLUSTER_WORKER';

export function isClusterWorker(): boolean {
  return cluster.isWorker && process.env[CLUSTER_WORKER_ENV] === '1';
}
