import { invalid } from '@accounts/event-sourcing';
import { Public } from '@accounts/security';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RequestPasswordResetCommand } from '../application/password-reset/request-password-reset.command';
import { ResetPasswordCommand } from '../application/password-reset/reset-password.command';
import { PasswordResetAnswer, PasswordResetRequestedAnswer } from './answers/sign-in.answer';
import { PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/lifecycle.dto';

const ACCEPTED = {
  accepted: true,
  message: 'If an account matches, an email with a link to choose a new password is on its way.',
} as const;

/** Forgotten passwords: used before having an access token. */
@ApiTags('sign-in')
@Public()
@Controller('auth')
export class PasswordResetController {
  constructor(private readonly commands: CommandBus) {}

  @Post('password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'Always the same answer, after the same time, whether or not an account matched',
    type: PasswordResetRequestedAnswer,
  })
  @ApiBadRequestResponse({
    description: 'Neither or both of userName and email; a malformed value',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many requests from this client address (Retry-After)',
  })
  async request(@Body() body: PasswordResetRequestDto) {
    if ((body.userName === undefined) === (body.email === undefined))
      throw invalid(
        'userName',
        'AUTH-password-reset-who',
        'Give either userName or email (one of them)',
      );
    await this.commands.execute(new RequestPasswordResetCommand(body));
    return ACCEPTED;
  }

  @Post('password-reset/confirm')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The new password is set; every session of the account ended',
    type: PasswordResetAnswer,
  })
  @ApiBadRequestResponse({
    description: 'newPassword breaks the policy (details.field names it) or repeatPassword differs',
  })
  @ApiUnauthorizedResponse({
    description: 'AUTH-reset-link-invalid, AUTH-reset-link-used or AUTH-reset-link-expired',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts from this client address or on this account (Retry-After)',
  })
  confirm(@Body() body: PasswordResetConfirmDto) {
    return this.commands.execute(new ResetPasswordCommand(body));
  }
}
