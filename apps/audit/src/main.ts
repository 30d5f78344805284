import { runServiceEntry } from '@accounts/service-kit/cluster-entry';
import { SERVICE_NAME } from './app/service-name';

// The cluster primary (WORKERS > 1) only forks and watches the workers: it never loads the app.
runServiceEntry({ serviceName: SERVICE_NAME, start: () => import('./start') });
