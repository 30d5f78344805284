import { Injectable } from '@nestjs/common';
import type { AccountFacts } from '../../projections/profile-facts.queries';
import { Notifications } from '../shared/notifications';

/** Sends a sign-in code by the challenge's channel; a failed send fails the request (the code is useless unsent). */
@Injectable()
export class SignInCodes {
  constructor(private readonly notifications: Notifications) {}

  async send(challenge: string, account: AccountFacts, code: string, email: string): Promise<void> {
    if (challenge === 'email')
      await this.notifications.sendOrFail({
        kind: 'email',
        to: email,
        subject: 'Your sign-in code',
        text: `Your sign-in code is ${code}. It is valid for 10 minutes. If you did not try to sign in, change your password.`,
        tag: 'sign-in-code',
      });
    else if (challenge === 'sms' && account.mobilePhone)
      await this.notifications.sendOrFail({
        kind: 'sms',
        to: account.mobilePhone,
        text: `Your sign-in code: ${code}`,
        tag: 'sign-in-code',
      });
  }
}
