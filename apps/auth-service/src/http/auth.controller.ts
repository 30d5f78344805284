import { Public } from '@accounts/security';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ActivateAccountCommand } from '../application/activation/activate-account.command';
import { RefreshSessionCommand } from '../application/sessions/refresh-session.command';
import { AnswerChallengeCommand } from '../application/sign-in/answer-challenge.command';
import { AnswerWithRecoveryCodeCommand } from '../application/sign-in/answer-with-recovery-code.command';
import { ChooseEnrollmentCommand } from '../application/sign-in/choose-enrollment.command';
import { LoginCommand } from '../application/sign-in/login.command';
import { ResendCodeCommand } from '../application/sign-in/resend-code.command';
import type { AuthConfig } from '../config';
import { ActivateDto, ChangeMethodDto, LoginDto, RefreshDto } from './dto/auth.dto';
import { LoginChallengeAnswerDto } from './dto/lifecycle.dto';
import {
  ActivatedAnswer,
  ChallengeAnswer,
  EnrollmentChoiceAnswer,
  SignInTokenAnswer,
  TokenAnswer,
} from './answers/sign-in.answer';
import { presentedTrustedDevice, setTrustedDeviceCookie } from './trusted-device-cookie';

/** Activation, sign-in and refresh: the routes used before having an access token. */
@ApiTags('sign-in')
@ApiExtraModels(SignInTokenAnswer, ChallengeAnswer)
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
  ) {}

  @Post('activate')
  @HttpCode(200)
  @ApiOkResponse({
    type: ActivatedAnswer,
    description: 'The password is set and the account active',
  })
  activate(@Body() body: ActivateDto) {
    return this.commands.execute(new ActivateAccountCommand(body.token, body.password));
  }

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'Tokens, or a second-factor challenge to answer',
    schema: {
      oneOf: [{ $ref: getSchemaPath(SignInTokenAnswer) }, { $ref: getSchemaPath(ChallengeAnswer) }],
    },
  })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest) {
    const answer = await this.commands.execute(
      new LoginCommand(body.userName, body.password, presentedTrustedDevice(request)),
    );
    return answer.kind === 'tokens' ? answer.tokens : answer.challenge;
  }

  @Post('login/:challengeId')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Tokens', type: SignInTokenAnswer })
  async answer(
    @Param('challengeId', new ParseUUIDPipe()) challengeId: string,
    @Body() body: LoginChallengeAnswerDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // The DTO guarantees one of code and recoveryCode.
    const tokens =
      body.recoveryCode !== undefined && body.code === undefined
        ? await this.commands.execute(
            new AnswerWithRecoveryCodeCommand(challengeId, body.recoveryCode),
          )
        : await this.commands.execute(
            new AnswerChallengeCommand(challengeId, body.code ?? '', body.method),
          );
    if (tokens.trustedDeviceToken)
      setTrustedDeviceCookie(reply, tokens.trustedDeviceToken, this.config.TRUSTED_DEVICE_DAYS);
    return tokens;
  }

  @Post('login/:challengeId/resend')
  @HttpCode(200)
  @ApiOkResponse({
    type: ChallengeAnswer,
    description: 'A new code is on its way; the previous one stops working',
  })
  resend(@Param('challengeId', new ParseUUIDPipe()) challengeId: string) {
    return this.commands.execute(new ResendCodeCommand(challengeId));
  }

  /** The second factor chosen during a sign-in that must set one up. */
  @Post('login/:challengeId/enrollment')
  @HttpCode(200)
  @ApiOkResponse({
    type: EnrollmentChoiceAnswer,
    description: 'The code was sent, or the authenticator app to set up',
  })
  chooseEnrollment(
    @Param('challengeId', new ParseUUIDPipe()) challengeId: string,
    @Body() body: ChangeMethodDto,
  ) {
    return this.commands.execute(new ChooseEnrollmentCommand(challengeId, body.method));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'New tokens; the refresh token presented stops working',
    type: TokenAnswer,
  })
  refresh(@Body() body: RefreshDto) {
    return this.commands.execute(new RefreshSessionCommand(body.refreshToken));
  }
}
