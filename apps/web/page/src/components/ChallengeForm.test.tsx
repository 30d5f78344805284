import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/client';
import { ChallengeForm } from './ChallengeForm';

afterEach(cleanup);

const challenge = {
  challengeId: '4f1c1d2e-8a6b-4c3d-9e2f-1a2b3c4d5e6f',
  method: 'email',
  sentTo: 'a***e@example.com',
};

describe('ChallengeForm (second step of sign-in)', () => {
  it('says where the code went, offers to trust the computer and sends the choice', async () => {
    const post = vi.spyOn(api, 'post').mockResolvedValue({ accessToken: 'at', expiresIn: 300 });
    const onTokens = vi.fn();
    render(<ChallengeForm challenge={challenge} onTokens={onTokens} />);
    expect(screen.getByText(/sent by email to a\*\*\*e@example.com/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Verification code'), {
      target: { value: '123 456' },
    });
    fireEvent.click(screen.getByLabelText(/Trust this computer/));
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() =>
      expect(onTokens).toHaveBeenCalledWith({
        accessToken: 'at',
        expiresIn: 300,
      }),
    );
    expect(post).toHaveBeenCalledWith(
      `/api/auth/login/${challenge.challengeId}`,
      { code: '123456', trustComputer: false },
      { auth: false },
    );
  });

  it('"every time" methods never offer to trust the computer', () => {
    render(
      <ChallengeForm
        challenge={{ ...challenge, method: 'authenticator-every-time' }}
        onTokens={() => undefined}
      />,
    );
    expect(screen.queryByLabelText(/Trust this computer/)).toBeNull();
    expect(screen.getByText(/authenticator app/)).toBeTruthy();
  });

  it('switches to a recovery code, and shows a wrong code plainly', async () => {
    const { ApiError } = await import('../api/api-error');
    const post = vi
      .spyOn(api, 'post')
      .mockRejectedValue(
        new ApiError(
          401,
          'That code is not right',
          'AUTH-challenge-code-wrong',
          undefined,
          undefined,
        ),
      );
    render(<ChallengeForm challenge={challenge} onTokens={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    fireEvent.change(screen.getByLabelText('Recovery code'), {
      target: { value: ' abcd-efgh ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'That code is not right',
    );
    expect(post).toHaveBeenCalledWith(
      expect.any(String),
      { recoveryCode: 'abcd-efgh' },
      { auth: false },
    );
  });

  it('too many attempts: says how long to wait, from Retry-After', async () => {
    const { ApiError } = await import('../api/api-error');
    vi.spyOn(api, 'post').mockRejectedValue(
      new ApiError(429, 'Too many', 'AUTH-locked', undefined, 30),
    );
    render(<ChallengeForm challenge={challenge} onTokens={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Verification code'), {
      target: { value: '000000' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many attempts. Try again in 30 s.',
    );
  });
});
