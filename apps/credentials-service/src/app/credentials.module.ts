import {
  AccessPolicyGuard,
  AccessTokenGuard,
  AuthorizationServerMetadataController,
  JwksController,
  LIMITER_STORE,
  type LimiterStore,
  RECENT_SIGN_IN_SECONDS,
  TOKEN_REVOCATIONS,
  type TokenVerifier,
} from '@accounts/security';
import { CredentialsEventSchemaVersions } from '@accounts/contracts';
import type { Clock } from '@accounts/event-sourcing';
import { clockProvider, commandRunnerProvider, SERVICE_CONFIG } from '@accounts/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CallerFacts } from '../application/shared/caller-facts';
import { GenerateApiCredentialHandler } from '../application/api-credentials/generate-api-credential.handler';
import { RegenerateApiCredentialHandler } from '../application/api-credentials/regenerate-api-credential.handler';
import { RevokeApiCredentialHandler } from '../application/api-credentials/revoke-api-credential.handler';
import { CREDENTIAL_POLICY, type CredentialPolicy } from '../application/shared/credential-policy';
import { ListApiCredentialsHandler } from '../application/api-credentials/list-api-credentials.handler';
import { ListApiCredentialsAsOfHandler } from '../application/api-credentials/list-api-credentials-as-of.handler';
import { loadPepper } from '../application/secrets/pepper';
import { SecretHasher } from '../application/secrets/secret-hasher';
import { ClientCredentialsGrant } from '../application/token/client-credentials-grant';
import { TokenIntrospection } from '../application/token/token-introspection';
import { TokenRequestLimits } from '../application/token/token-request-limits';
import type { CredentialsConfig } from '../config';
import { ApiCredentialsController } from '../http/api-credentials.controller';
import { OAuthIntrospectionController } from '../http/oauth/oauth-introspection.controller';
import { OAuthTokenController } from '../http/oauth/oauth-token.controller';
import { AccountDirectory } from '../projections/account-directory';
import { ReadModels } from '../projections/read-models';
import { credentialsRelayProvider } from '../messaging/credentials-relay';
import { KeyStatusQueries } from '../projections/key-status.queries';
import { LastUsedRecorder } from '../projections/last-used-recorder';
import {
  authorizationServerMetadataProvider,
  issuerKeysProvider,
  tokenIssuerProvider,
  tokenVerifierProvider,
} from './security.providers';

export interface CredentialsModuleOptions {
  /** Tests: TestTokens' verifier instead of TRUSTED_ISSUERS. */
  readonly tokenVerifier?: TokenVerifier;
  /** Tests: a clock they can move. */
  readonly clock?: Clock;
}

/** API credentials: generate / regenerate / revoke / list, and the client-credentials token endpoint. */
@Module({})
export class CredentialsModule {
  static forRoot(options: CredentialsModuleOptions = {}): DynamicModule {
    return {
      module: CredentialsModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        ApiCredentialsController,
        OAuthTokenController,
        OAuthIntrospectionController,
        JwksController,
        AuthorizationServerMetadataController,
      ],
      providers: [
        clockProvider(options.clock),
        commandRunnerProvider({
          schemaVersions: CredentialsEventSchemaVersions,
          readModels: ReadModels,
        }),
        tokenVerifierProvider(options.tokenVerifier),
        AccessTokenGuard,
        { provide: APP_GUARD, useClass: AccessPolicyGuard },
        issuerKeysProvider,
        tokenIssuerProvider,
        authorizationServerMetadataProvider,
        {
          provide: SecretHasher,
          inject: [SERVICE_CONFIG],
          useFactory: (config: CredentialsConfig) => new SecretHasher(loadPepper(config)),
        },
        {
          provide: CREDENTIAL_POLICY,
          inject: [SERVICE_CONFIG],
          useFactory: (config: CredentialsConfig): CredentialPolicy => ({
            maxCredentials: config.CREDENTIALS_MAX_PER_ACCOUNT,
          }),
        },
        {
          // RECENT_SIGN_IN_SECONDS like the other services; the old name is still honoured when set.
          provide: RECENT_SIGN_IN_SECONDS,
          inject: [SERVICE_CONFIG],
          useFactory: (config: CredentialsConfig) =>
            config.CREDENTIALS_RECENT_SIGN_IN_SECONDS ?? config.RECENT_SIGN_IN_SECONDS,
        },
        {
          provide: TokenRequestLimits,
          inject: [SERVICE_CONFIG, LIMITER_STORE],
          useFactory: (config: CredentialsConfig, store: LimiterStore) =>
            new TokenRequestLimits({
              store,
              afterFailures: config.CLIENT_BACKOFF_AFTER_FAILURES,
              maxSeconds: config.CLIENT_BACKOFF_MAX_SECONDS,
              addressAfterFailures: config.CLIENT_ADDRESS_FAILURE_LIMIT,
              forgetAfterMs: 15 * 60_000,
            }),
        },
        ReadModels,
        {
          provide: TOKEN_REVOCATIONS,
          useFactory: (readModels: ReadModels) => readModels.revocations,
          inject: [ReadModels],
        },
        credentialsRelayProvider,
        KeyStatusQueries,
        AccountDirectory,
        LastUsedRecorder,
        CallerFacts,
        ClientCredentialsGrant,
        TokenIntrospection,
        GenerateApiCredentialHandler,
        RegenerateApiCredentialHandler,
        RevokeApiCredentialHandler,
        ListApiCredentialsHandler,
        ListApiCredentialsAsOfHandler,
      ],
    };
  }
}
