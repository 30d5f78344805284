import { Command } from '@nestjs/cqrs';

export type EnrollmentChoice =
  | {
      challengeId: string;
      method: string;
      enrollment: { otpauthUri: string; secret: string; qrCode: string };
    }
  | { challengeId: string; method: string; sentTo: string };

/** POST /auth/login/:challengeId/enrollment { method }: the second factor a sign-in that must set one up chooses. */
export class ChooseEnrollmentCommand extends Command<EnrollmentChoice> {
  constructor(
    readonly challengeId: string,
    readonly method: unknown,
  ) {
    super();
  }
}
