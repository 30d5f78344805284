export * from './lib/tokens/principal';
export * from './lib/tokens/signing-key-ring';
export * from './lib/tokens/token-issuer';
export * from './lib/tokens/token-verifier';
export * from './lib/nest/public.decorator';
export * from './lib/nest/current-principal.decorator';
export * from './lib/nest/access-token.guard';
