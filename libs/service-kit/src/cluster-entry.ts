// @accounts/service-kit/cluster-entry: what a service's main.ts needs before it knows whether it is
// the cluster primary, without the Nest app graph that @accounts/service-kit brings.
export { runServiceEntry, type ServiceEntryOptions } from './lib/cluster/service-entry';
export { hashArenaWorkerEnv } from './lib/cluster/hash-arena';
