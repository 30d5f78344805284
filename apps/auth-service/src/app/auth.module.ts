import { GetAccountSecurityAsOfHandler } from '../application/account-security/get-account-security-as-of.handler';
import { AccountSecurityAsOfController } from '../http/account-security-as-of.controller';
import {
  createNotifier,
  DevOutbox,
  DevOutboxController,
  NOTIFIER,
  type NotifierSetup,
  readNotifierConfig,
} from '@accounts/notifications';
import {
  AccessPolicyGuard,
  AccessTokenGuard,
  AuthorizationServerMetadataController,
  JwksController,
  loadActivationLinkKey,
  TOKEN_REVOCATIONS,
} from '@accounts/security';
import { AuthenticationEventSchemaVersions } from '@accounts/contracts';
import {
  clockProvider,
  commandRunnerProvider,
  HealthIndicatorRegistry,
  SERVICE_CONFIG,
} from '@accounts/service-kit';
import type { Clock } from '@accounts/event-sourcing';
import { CqrsModule } from '@nestjs/cqrs';
import { mySignInHandlers } from '../application/my-sign-in';
import { passwordResetHandlers } from '../application/password-reset';
import { recoveryCodeHandlers } from '../application/recovery-codes';
import { sessionHandlers } from '../application/sessions';
import { signInHandlers } from '../application/sign-in';
import {
  type DynamicModule,
  Logger,
  Module,
  type OnApplicationShutdown,
  Inject,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ActivateAccountHandler } from '../application/activation/activate-account.handler';
import { ActivationGuesses } from '../application/activation/activation-guesses';
import { AuthStore } from '../application/shared/auth-store';
import { OwnAccount } from '../application/shared/own-account';
import { ClientAddressLimits } from '../application/shared/client-address-limits';
import { issuerProviders } from './security.providers';
import { Notifications } from '../application/shared/notifications';
import { PasswordHasher } from '../application/shared/passwords';
import { SecretBox } from '../application/shared/secrets';
import { DisabledAccountSessionsReactor } from '../projections/disabled-account-sessions.reactor';
import { ProvenEmailsReactor } from '../projections/proven-emails.reactor';
import type { AuthConfig } from '../config';
import { AuthController } from '../http/auth.controller';
import { MeController } from '../http/me.controller';
import { MySignInMethodController } from '../http/my-sign-in-method.controller';
import { OAuthRevocationController } from '../http/oauth-revocation.controller';
import { OAuthTokenController } from '../http/oauth-token.controller';
import { LifecycleMeController } from '../http/lifecycle-me.controller';
import { PasswordResetController } from '../http/password-reset.controller';
import { LinkTokens } from '../application/shared/link-tokens';
import { ACTIVATION_LINK_KEY, NoticesReactor } from '../notices/notices.reactor';
import { ProfileFacts } from '../projections/profile-facts.queries';
import { ReadModels } from '../projections/read-models';
import { TrustedDevices } from '../projections/trusted-devices.queries';
import { authRelayProvider } from '../messaging/auth-relay';
import { loadDataKey } from './data-key';

export const NOTIFIER_SETUP = Symbol('NOTIFIER_SETUP');

export interface AuthModuleOptions {
  /** Where the notifier variables are read (NOTIFIER_EMAIL, SMTP_*...); process.env by default. */
  readonly notifierEnv?: Readonly<Record<string, string | undefined>>;
  /** Tests: a clock they can move. */
  readonly clock?: Clock;
}

/** Closes the notifier (SMTP pools) at shutdown. */
class NotifierLifecycle implements OnApplicationShutdown {
  constructor(@Inject(NOTIFIER_SETUP) private readonly setup: NotifierSetup) {}
  async onApplicationShutdown(): Promise<void> {
    await this.setup.close();
  }
}

/** auth-service: activation, sign-in, sessions, sign-in settings; the profile facts read model. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    const notifierConfig = readNotifierConfig(options.notifierEnv ?? process.env);
    // GET /dev/outbox exists only while messages go to the dev outbox (embedded/development).
    const embeddedOutbox =
      notifierConfig.NOTIFIER_EMAIL === 'outbox' || notifierConfig.NOTIFIER_SMS === 'outbox';
    return {
      module: AuthModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        AuthController,
        PasswordResetController,
        MeController,
        LifecycleMeController,
        MySignInMethodController,
        AccountSecurityAsOfController,
        OAuthRevocationController,
        OAuthTokenController,
        JwksController,
        AuthorizationServerMetadataController,
        ...(embeddedOutbox ? [DevOutboxController] : []),
      ],
      providers: [
        ...issuerProviders,
        clockProvider(options.clock),
        commandRunnerProvider({ schemaVersions: AuthenticationEventSchemaVersions }),
        ...signInHandlers,
        ...mySignInHandlers,
        ...passwordResetHandlers,
        ...sessionHandlers,
        ...recoveryCodeHandlers,
        AccessTokenGuard,
        {
          provide: TOKEN_REVOCATIONS,
          useFactory: (readModels: ReadModels) => readModels.revocations,
          inject: [ReadModels],
        },
        { provide: APP_GUARD, useClass: AccessPolicyGuard },
        {
          provide: NOTIFIER_SETUP,
          useFactory: (
            config: AuthConfig,
            health: HealthIndicatorRegistry,
            indicators: HealthIndicatorService,
          ) => {
            const logger = new Logger('Notifier');
            const setup = createNotifier(notifierConfig, {
              dataDir: config.DATA_DIR,
              logger: {
                info: (obj, msg) => logger.log({ ...obj, msg }),
                warn: (obj, msg) => logger.warn({ ...obj, msg }),
              },
            });
            if (setup.channels.email === 'smtp')
              health.register(async () => {
                try {
                  await setup.verify();
                  return indicators.check('notifier').up();
                } catch {
                  return indicators.check('notifier').down();
                }
              });
            return setup;
          },
          inject: [SERVICE_CONFIG, HealthIndicatorRegistry, HealthIndicatorService],
        },
        {
          provide: NOTIFIER,
          useFactory: (setup: NotifierSetup) => setup.notifier,
          inject: [NOTIFIER_SETUP],
        },
        {
          provide: DevOutbox,
          useFactory: (setup: NotifierSetup) => setup.outbox,
          inject: [NOTIFIER_SETUP],
        },
        NotifierLifecycle,
        {
          provide: SecretBox,
          useFactory: (config: AuthConfig) =>
            new SecretBox(loadDataKey(config.DATA_DIR, config.TOTP_ENCRYPTION_KEY)),
          inject: [SERVICE_CONFIG],
        },
        {
          provide: ACTIVATION_LINK_KEY,
          useFactory: (config: AuthConfig) =>
            loadActivationLinkKey(config.DATA_DIR, config.ACTIVATION_LINK_KEY),
          inject: [SERVICE_CONFIG],
        },
        {
          provide: LinkTokens,
          useFactory: (config: AuthConfig) =>
            new LinkTokens(loadDataKey(config.DATA_DIR, config.TOTP_ENCRYPTION_KEY)),
          inject: [SERVICE_CONFIG],
        },
        {
          provide: PasswordHasher,
          useFactory: (config: AuthConfig) =>
            new PasswordHasher({
              memoryCost: config.ARGON2_MEMORY_KIB,
              timeCost: config.ARGON2_TIME_COST,
              parallelism: config.ARGON2_PARALLELISM,
            }),
          inject: [SERVICE_CONFIG],
        },
        ReadModels,
        authRelayProvider,
        ProfileFacts,
        TrustedDevices,
        AuthStore,
        Notifications,
        ActivateAccountHandler,
        ActivationGuesses,
        DisabledAccountSessionsReactor,
        ProvenEmailsReactor,
        ClientAddressLimits,
        GetAccountSecurityAsOfHandler,
        OwnAccount,
        NoticesReactor,
      ],
      exports: [ReadModels, ProfileFacts],
    };
  }
}
