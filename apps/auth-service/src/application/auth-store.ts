// src/notices imports this path and is another engineer's to change (shape-rest): remove once it imports
// ./shared/auth-store.
export { AuthStore } from './shared/auth-store';
