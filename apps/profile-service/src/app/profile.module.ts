import {
  AccessPolicyGuard,
  AccessTokenGuard,
  TOKEN_REVOCATIONS,
  type TokenVerifier,
} from '@accounts/security';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ProfileEventSchemaVersions } from '@accounts/contracts';
import { clockProvider, commandRunnerProvider } from '@accounts/service-kit';
import { AdministerAccountHandler } from '../application/accounts/administer-account.handler';
import { ReissueActivationHandler } from '../application/activation/reissue-activation.handler';
import { CancelEmailChangeHandler } from '../application/email-change/cancel-email-change.handler';
import { ConfirmEmailChangeHandler } from '../application/email-change/confirm-email-change.handler';
import { EmailChangeGuesses } from '../application/email-change/email-change-guesses';
import { MyEmailChangeController } from '../http/controllers/my-email-change.controller';
import { GetAccountAsOfHandler } from '../application/accounts/get-account-as-of.handler';
import { GetMyAccountHandler } from '../application/accounts/get-my-account.handler';
import { RegisterAccountHandler } from '../application/accounts/register-account.handler';
import { UpdateProfileHandler } from '../application/accounts/update-profile.handler';
import { ListAccountsHandler } from '../application/directory/list-accounts.handler';
import { ChangeOrganizationSettingsHandler } from '../application/organizations/change-organization-settings.handler';
import { CreateOrganizationHandler } from '../application/organizations/create-organization.handler';
import { GetOrganizationHandler } from '../application/organizations/get-organization.handler';
import { ProfileReader } from '../application/shared/profile-reader';
import { AccountRecordController } from '../http/controllers/account-record.controller';
import { AccountAdministrationController } from '../http/controllers/account-administration.controller';
import { MyAccountController } from '../http/controllers/my-account.controller';
import { OrganizationAccountsController } from '../http/controllers/organization-accounts.controller';
import { OrganizationsController } from '../http/controllers/organizations.controller';
import { AccountDirectoryQueries } from '../projections/account-directory.queries';
import { ReadModels } from '../projections/read-models';
import { profileRelayProvider } from '../messaging/profile-relay';
import { activationLinkSenderProvider } from './activation-link-sender.provider';
import { activationTokensProvider, emailChangeLinksProvider } from './activation-tokens.provider';
import { tokenVerifierProvider } from './token-verifier.provider';

export interface ProfileModuleOptions {
  /** Tests pass TestTokens' verifier; the service builds one from TRUSTED_ISSUERS and JWT_AUDIENCE. */
  readonly tokenVerifier?: TokenVerifier;
}

const handlers = [
  CreateOrganizationHandler,
  ChangeOrganizationSettingsHandler,
  GetOrganizationHandler,
  RegisterAccountHandler,
  UpdateProfileHandler,
  AdministerAccountHandler,
  GetMyAccountHandler,
  GetAccountAsOfHandler,
  ListAccountsHandler,
  ReissueActivationHandler,
  ConfirmEmailChangeHandler,
  CancelEmailChangeHandler,
];

/** profile-service: HTTP -> command/query bus -> handlers -> event store; the account directory read model. */
@Module({})
export class ProfileModule {
  static forRoot(options: ProfileModuleOptions = {}): DynamicModule {
    return {
      module: ProfileModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        OrganizationsController,
        OrganizationAccountsController,
        MyAccountController,
        MyEmailChangeController,
        AccountAdministrationController,
        AccountRecordController,
      ],
      providers: [
        ...handlers,
        ProfileReader,
        ReadModels,
        clockProvider(),
        commandRunnerProvider({
          schemaVersions: ProfileEventSchemaVersions,
          readModels: ReadModels,
        }),
        profileRelayProvider,
        AccountDirectoryQueries,
        activationLinkSenderProvider,
        activationTokensProvider,
        emailChangeLinksProvider,
        EmailChangeGuesses,
        tokenVerifierProvider(options.tokenVerifier),
        AccessTokenGuard,
        {
          provide: TOKEN_REVOCATIONS,
          useFactory: (readModels: ReadModels) => readModels.revocations,
          inject: [ReadModels],
        },
        { provide: APP_GUARD, useClass: AccessPolicyGuard },
      ],
      exports: [ReadModels, AccountDirectoryQueries],
    };
  }
}
