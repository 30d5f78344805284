import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/client';
import { SignInMethodPage } from './SignInMethodPage';

const session = vi.hoisted(() => ({ org: null, me: null, setMe: vi.fn() }));
vi.mock('../session/session', () => ({ useSession: () => session }));

afterEach(cleanup);

describe('SignInMethodPage', () => {
  it('keeps the choices still until the current method is known, so a click is not overwritten by it', async () => {
    let answer!: (facts: unknown) => void;
    vi.spyOn(api, 'get').mockReturnValue(new Promise((resolve) => (answer = resolve)));
    render(<SignInMethodPage />);
    const authenticator = screen.getByRole('radio', { name: /^Authenticator app\b(?!, every)/ });
    expect((authenticator as HTMLInputElement).disabled).toBe(true);

    await act(async () =>
      answer({
        method: 'password',
        authenticatorEnrolled: false,
        emailVerified: true,
        phoneVerified: false,
      }),
    );
    expect((authenticator as HTMLInputElement).disabled).toBe(false);
    fireEvent.click(authenticator);
    expect((authenticator as HTMLInputElement).checked).toBe(true);
    const save = screen.getByRole('button', { name: 'Save Changes' }) as HTMLButtonElement;
    expect(save.disabled).toBe(false);
  });
});
