/** DI token of the TokenIssuer that signs a service's access tokens (auth-service and credentials-service). */
export const TOKEN_ISSUER = Symbol('TOKEN_ISSUER');
