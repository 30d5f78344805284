import {
  AccessPolicyGuard,
  AccessTokenGuard,
  TOKEN_REVOCATIONS,
  TOKEN_VERIFIER,
  type TokenVerifier,
} from '@accounts/security';
import { createTokenVerifier, SERVICE_CONFIG } from '@accounts/service-kit';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditQueries } from '../application/audit-queries';
import { AuditSealer } from '../application/audit-sealer';
import type { AuditConfig } from '../config';
import { AccountHistoryController } from '../http/account-history.controller';
import { MyActivityController } from '../http/my-activity.controller';
import { auditRelayProvider } from '../messaging/audit-relay';
import { ReadModels } from '../projections/read-models';

export interface AuditModuleOptions {
  /** Tests: TestTokens' verifier instead of TRUSTED_ISSUERS. */
  readonly tokenVerifier?: TokenVerifier;
}

/** History, exports and each person's own activity over HTTP; seals on a schedule, relayed to Kafka. */
@Module({})
export class AuditModule {
  static forRoot(options: AuditModuleOptions = {}): DynamicModule {
    return {
      module: AuditModule,
      controllers: [MyActivityController, AccountHistoryController],
      providers: [
        {
          provide: TOKEN_VERIFIER,
          inject: [SERVICE_CONFIG],
          useFactory: (config: AuditConfig) => options.tokenVerifier ?? createTokenVerifier(config),
        },
        AccessTokenGuard,
        // The one access rule of every service: routes declare person-only or a scope (audit:read here).
        { provide: APP_GUARD, useClass: AccessPolicyGuard },
        ReadModels,
        {
          provide: TOKEN_REVOCATIONS,
          useFactory: (readModels: ReadModels) => readModels.revocations,
          inject: [ReadModels],
        },
        AuditQueries,
        AuditSealer,
        // Seals are published like every event (accounts.audit.v1) when KAFKA_BROKERS is set.
        auditRelayProvider,
      ],
    };
  }
}
