import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/client';
import { ReauthDialog } from './ReauthDialog';

afterEach(cleanup);

describe('ReauthDialog (an action needs a recent sign-in)', () => {
  it('signs in again with the password and lets the action go on', async () => {
    const post = vi.spyOn(api, 'post').mockResolvedValue({ accessToken: 'fresh', expiresIn: 300 });
    const replace = vi.spyOn(api, 'replaceSession');
    const onDone = vi.fn();
    render(<ReauthDialog userName="ann" onDone={onDone} onCancel={() => undefined} />);
    expect(screen.getByRole('dialog', { name: "Confirm it's you" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Password'), {
      target: { value: 'correct horse battery staple 42' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(post).toHaveBeenCalledWith(
      '/api/auth/login',
      { userName: 'ann', password: 'correct horse battery staple 42' },
      { auth: false },
    );
    expect(replace).toHaveBeenCalledWith({
      accessToken: 'fresh',
      expiresIn: 300,
    });
  });

  it('asks for the second factor when the sign-in does, without offering to trust the computer', async () => {
    vi.spyOn(api, 'post').mockResolvedValue({
      challengeId: '4f1c1d2e-8a6b-4c3d-9e2f-1a2b3c4d5e6f',
      method: 'authenticator',
      sentTo: null,
    });
    render(<ReauthDialog userName="ann" onDone={() => undefined} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Password'), {
      target: { value: 'pw' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByLabelText('Verification code')).toBeTruthy();
    expect(screen.queryByLabelText(/Trust this computer/)).toBeNull();
  });

  it('Cancel gives up without signing in', () => {
    const post = vi.spyOn(api, 'post');
    const onCancel = vi.fn();
    render(<ReauthDialog userName="ann" onDone={() => undefined} onCancel={onCancel} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
    expect(post).not.toHaveBeenCalled();
  });
});
