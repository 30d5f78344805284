/** Names the logs, metrics and the read-model file (`${DATA_DIR}/audit-read.sqlite`). */
export const SERVICE_NAME = 'audit';
