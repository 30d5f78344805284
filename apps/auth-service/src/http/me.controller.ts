import {
  CurrentPrincipal,
  PersonOnly,
  type Principal,
  RequireRecentSignIn,
} from '@accounts/security';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Req,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ChangeMethodCommand } from '../application/my-sign-in/change-method.command';
import { ChangePasswordCommand } from '../application/my-sign-in/change-password.command';
import { ConfirmAuthenticatorCommand } from '../application/my-sign-in/confirm-authenticator.command';
import { ConfirmVerificationCommand } from '../application/my-sign-in/confirm-verification.command';
import { ListSessionsQuery } from '../application/my-sign-in/list-sessions.query';
import { ListTrustedDevicesQuery } from '../application/my-sign-in/list-trusted-devices.query';
import { ResetAuthenticatorCommand } from '../application/my-sign-in/reset-authenticator.command';
import { RevokeTrustedDeviceCommand } from '../application/my-sign-in/revoke-trusted-device.command';
import { StartVerificationCommand } from '../application/my-sign-in/start-verification.command';
import { EndSessionCommand } from '../application/sessions/end-session.command';
import { SignOutCommand } from '../application/sessions/sign-out.command';
import {
  ChallengeCodeDto,
  ChangeMethodDto,
  ChangePasswordDto,
  ContactChannelParam,
  ResetAuthenticatorDto,
} from './dto/auth.dto';
import {
  AuthenticatorConfirmedAnswer,
  MethodChangedAnswer,
  PasswordChangedAnswer,
  SessionListAnswer,
  TrustedDeviceListAnswer,
  VerificationConfirmedAnswer,
  VerificationStartedAnswer,
} from './answers/my-sign-in.answer';
import { presentedTrustedDevice } from './trusted-device-cookie';

/** The signed-in user's own sign-in settings and sessions. */
@ApiTags('my sign-in')
@ApiBearerAuth()
@Controller('auth')
// Sessions, password, sign-in method, factors, trusted computers, authenticator resets: security settings, people only.
@PersonOnly()
export class MeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'No body: the session ended; its refresh token no longer works',
  })
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(new SignOutCommand(principal));
  }

  @Get('me/sessions')
  @ApiOkResponse({ type: SessionListAnswer, description: 'My open sessions' })
  sessionList(@CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListSessionsQuery(principal));
  }

  @Delete('me/sessions/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'No body: the session ended' })
  async endSession(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    await this.commands.execute(new EndSessionCommand(principal, id));
  }

  @Put('me/password')
  @ApiOkResponse({ type: PasswordChangedAnswer, description: 'The new password is set' })
  changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto) {
    return this.commands.execute(
      new ChangePasswordCommand(principal, {
        ...body,
        endOtherSessions: body.endOtherSessions ?? false,
      }),
    );
  }

  // Any change: to a weaker method removes a factor; to an authenticator enrolls the caller's device.
  @Put('me/method')
  @RequireRecentSignIn()
  @ApiOkResponse({
    description: 'The method now in force, and the enrollment to confirm if one started',
    type: MethodChangedAnswer,
  })
  changeMethod(@CurrentPrincipal() principal: Principal, @Body() body: ChangeMethodDto) {
    return this.commands.execute(new ChangeMethodCommand(principal, body.method));
  }

  @Post('me/authenticator/confirm')
  @HttpCode(200)
  @ApiOkResponse({
    type: AuthenticatorConfirmedAnswer,
    description: 'The authenticator is set up; the method in force',
  })
  confirmAuthenticator(@CurrentPrincipal() principal: Principal, @Body() body: ChallengeCodeDto) {
    return this.commands.execute(new ConfirmAuthenticatorCommand(principal, body.code));
  }

  @Post('me/verification/:channel')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationStartedAnswer, description: 'A code is on its way' })
  startVerification(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ContactChannelParam,
  ) {
    return this.commands.execute(new StartVerificationCommand(principal, params.channel));
  }

  @Post('me/verification/:channel/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationConfirmedAnswer, description: 'The contact is verified' })
  confirmVerification(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ContactChannelParam,
    @Body() body: ChallengeCodeDto,
  ) {
    return this.commands.execute(
      new ConfirmVerificationCommand(principal, params.channel, body.code),
    );
  }

  @Get('me/trusted-devices')
  @ApiOkResponse({ type: TrustedDeviceListAnswer, description: 'My trusted computers' })
  trustedDevices(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest) {
    return this.queries.execute(
      new ListTrustedDevicesQuery(principal, presentedTrustedDevice(request)),
    );
  }

  @Delete('me/trusted-devices/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'No body: the computer is no longer trusted' })
  async revokeTrustedDevice(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    await this.commands.execute(new RevokeTrustedDeviceCommand(principal, id));
  }

  @Post('accounts/:id/authenticator/reset')
  @RequireRecentSignIn()
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'No body: the authenticator is removed; the owner sets one up at the next sign-in',
  })
  async resetAuthenticator(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResetAuthenticatorDto,
  ): Promise<void> {
    await this.commands.execute(new ResetAuthenticatorCommand(principal, id, body.reason));
  }
}
