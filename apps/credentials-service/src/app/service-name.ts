/** Names the logs, metrics, key files and the `iss` of the access tokens this service signs. */
export const SERVICE_NAME = 'credentials-service';
