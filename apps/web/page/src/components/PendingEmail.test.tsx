import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import { api } from '../api/client';
import type { Account } from '../api/types';
import { ConfirmEmailPage } from '../pages/ConfirmEmailPage';
import { MyAccountPage } from '../pages/MyAccountPage';
import { PendingEmailPanel } from './PendingEmail';

const session = vi.hoisted(() => ({
  me: null as Account | null,
  setMe: vi.fn(),
}));
vi.mock('../session/session', () => ({ useSession: () => session }));

afterEach(cleanup);

const PENDING = {
  email: 'ann.new@example.org',
  expiresAt: '2026-12-02T10:00:00.000Z',
  expiresAtLocal: '2026-12-02 11:00 (Europe/Paris)',
};
const ANN: Account = {
  id: 'a1',
  orgId: 'o1',
  userName: 'ann',
  firstName: 'Ann',
  lastName: 'Lee',
  email: 'ann@example.com',
  mobilePhone: null,
  timeZone: 'Europe/Paris',
  sessionTimeout: '30m',
  accountType: 'standard',
  groupRestriction: { kind: 'all' },
  enabled: true,
  pendingEmail: PENDING,
};

describe('PendingEmailPanel (an email change waiting for its link)', () => {
  it('says where the link went, until when, and that codes keep going to the current address; resend and cancel', () => {
    const onResend = vi.fn();
    const onCancel = vi.fn();
    render(
      <PendingEmailPanel
        pending={PENDING}
        currentEmail="ann@example.com"
        busy={false}
        onResend={onResend}
        onCancel={onCancel}
      />,
    );
    const panel = screen.getByRole('status', {
      name: 'Email change waiting for confirmation',
    });
    expect(panel.textContent).toContain('We sent a link to ann.new@example.org');
    expect(panel.textContent).toContain('until 2026-12-02 11:00 (Europe/Paris)');
    expect(panel.textContent).toContain('go to ann@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Send the link again' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the change' }));
    expect(onResend).toHaveBeenCalledOnce();
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('disables both buttons while busy', () => {
    render(
      <PendingEmailPanel
        pending={PENDING}
        currentEmail="ann@example.com"
        busy
        onResend={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    for (const button of screen.getAllByRole('button'))
      expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('ConfirmEmailPage (/confirm-email?token=…)', () => {
  it('confirms only on the button (not on load), then shows the new address and updates the session', async () => {
    session.me = ANN;
    const post = vi
      .spyOn(api, 'post')
      .mockResolvedValue({ ...ANN, email: PENDING.email, pendingEmail: null });
    render(<ConfirmEmailPage token="t0k3n" />);
    expect(post).not.toHaveBeenCalled();
    expect(
      screen.getByText('Make ann.new@example.org the email address of your account ann?'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm my new email address' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain(
        'Your email address is now ann.new@example.org',
      ),
    );
    expect(post).toHaveBeenCalledWith('/api/profile/accounts/me/email/confirm', { token: 't0k3n' });
    expect(session.setMe).toHaveBeenCalledWith(expect.objectContaining({ email: PENDING.email }));
  });

  it("shows the server's reason when the link was used or expired (410), and keeps the button", async () => {
    session.me = { ...ANN, pendingEmail: null };
    vi.spyOn(api, 'post').mockRejectedValue(
      new ApiError(
        410,
        'This confirmation link has expired: change your email address again to get a new one',
        'PROFILE-email-change-expired',
        undefined,
        undefined,
      ),
    );
    render(<ConfirmEmailPage token="t0k3n" />);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm my new email address' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('This confirmation link has expired'),
    );
  });

  it('says so when the link has no token', () => {
    session.me = ANN;
    render(<ConfirmEmailPage token={null} />);
    expect(screen.getByRole('alert').textContent).toContain('This link has no token');
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('My Account with a pending email change', () => {
  it('keeps the current address in the field, shows the pending one, and cancels it with DELETE', async () => {
    session.me = ANN;
    const del = vi.spyOn(api, 'delete').mockResolvedValue({ ...ANN, pendingEmail: null });
    render(<MyAccountPage />);
    expect((screen.getByLabelText('Email address') as HTMLInputElement).value).toBe(
      'ann@example.com',
    );
    expect(
      screen.getByRole('status', {
        name: 'Email change waiting for confirmation',
      }).textContent,
    ).toContain('ann.new@example.org');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the change' }));
    await waitFor(() =>
      expect(
        screen.getByText('Change cancelled: your email address stays ann@example.com.'),
      ).toBeTruthy(),
    );
    expect(del).toHaveBeenCalledWith('/api/profile/accounts/me/email/pending');
    expect(session.setMe).toHaveBeenCalledWith(expect.objectContaining({ pendingEmail: null }));
  });

  it('sends the link again by asking for the pending address once more', async () => {
    session.me = ANN;
    const patch = vi.spyOn(api, 'patch').mockResolvedValue(ANN);
    render(<MyAccountPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Send the link again' }));
    await waitFor(() =>
      expect(screen.getByText(/A new link is on its way to ann\.new@example\.org/)).toBeTruthy(),
    );
    expect(patch).toHaveBeenCalledWith('/api/profile/accounts/me', {
      email: 'ann.new@example.org',
    });
  });

  it('says that a new address needs its link when the email is saved', async () => {
    session.me = { ...ANN, pendingEmail: null };
    vi.spyOn(api, 'patch').mockResolvedValue(ANN);
    render(<MyAccountPage />);
    fireEvent.change(screen.getByLabelText('Email address'), {
      target: { value: 'ann.new@example.org' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save Changes' }));
    await waitFor(() =>
      expect(
        screen.getByText(/We sent a link to ann\.new@example\.org: open it to confirm/),
      ).toBeTruthy(),
    );
  });
});
