import { runServiceEntry } from '@accounts/service-kit/cluster-entry';

// The cluster primary (WORKERS > 1) only forks and watches the workers: it never loads the app.
runServiceEntry({ serviceName: 'profile-service', start: () => import('./start') });
