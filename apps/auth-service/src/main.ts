import { runServiceEntry } from '@accounts/service-kit/cluster-entry';
import { argon2WorkerEnv } from './argon2-worker-env';

// The cluster primary (WORKERS > 1) only forks and watches the workers: it never loads the app.
runServiceEntry({
  serviceName: 'auth-service',
  start: () => import('./start'),
  workerEnv: argon2WorkerEnv,
});
