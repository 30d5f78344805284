import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './Dialog';
import { Field } from './Field';
import { PasswordFields } from './PasswordFields';
import { SecretValue } from './CopyButton';

afterEach(cleanup);

describe('Field', () => {
  it('labels the input and ties the error to it', () => {
    render(
      <Field
        label="User name"
        name="userName"
        error="userName must be letters or digits"
        hint="Unique"
        value=""
        onChange={() => undefined}
      />,
    );
    const input = screen.getByLabelText('User name');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => document.getElementById(id)?.textContent)).toEqual([
      'Unique',
      'userName must be letters or digits',
    ]);
  });
  it('has no error state without an error', () => {
    render(<Field label="First name" value="" onChange={() => undefined} />);
    expect(screen.getByLabelText('First name').hasAttribute('aria-invalid')).toBe(false);
  });
});

describe('PasswordFields', () => {
  it('shows the policy, a strength hint and a mismatch next to the repeat field', () => {
    render(
      <PasswordFields
        password="correct horse battery staple"
        repeat="correct"
        onPassword={() => undefined}
        onRepeat={() => undefined}
      />,
    );
    expect(screen.getByText(/At least 12 characters/)).toBeTruthy();
    expect(screen.getByText(/Strength: (Good|Strong)/)).toBeTruthy();
    expect(screen.getByText('The two passwords are not the same yet')).toBeTruthy();
  });
});

describe('ConfirmDialog', () => {
  it('names the action, confirms on its button and cancels on Escape', () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(
      <ConfirmDialog
        title="Revoke this credential?"
        confirmLabel="Revoke"
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        It stops working at once.
      </ConfirmDialog>,
    );
    expect(screen.getByRole('dialog', { name: 'Revoke this credential?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});

describe('SecretValue', () => {
  it('shows the secret with a Copy button that says it copied', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    render(<SecretValue label="Secret" value="acs_123" />);
    expect(screen.getByTestId('secret-secret').textContent).toBe('acs_123');
    fireEvent.click(screen.getByRole('button', { name: 'Copy secret' }));
    expect(await screen.findByText('Copied to the clipboard')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('acs_123');
  });
});
