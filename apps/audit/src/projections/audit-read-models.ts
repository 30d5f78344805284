/** The former name of the audit service's ReadModels (every service now says ReadModels); the same class. */
export { ReadModels as AuditReadModels } from './read-models';
