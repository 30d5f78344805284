import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PersonFields } from './PersonFields';

afterEach(cleanup);

const values = {
  userName: 'ada',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
};

describe('PersonFields', () => {
  it("for one's own account: the browser may fill them in, and a server error sits under its field", () => {
    const onChange = vi.fn(() => () => undefined);
    render(
      <PersonFields
        values={values}
        onChange={onChange}
        errors={{ email: 'email must be an email address' }}
        whose="self"
      />,
    );
    const userName = screen.getByLabelText('Your user name') as HTMLInputElement;
    expect([userName.name, userName.autocomplete, userName.value]).toEqual([
      'userName',
      'username',
      'ada',
    ]);
    expect(screen.getByLabelText('First name').getAttribute('autocomplete')).toBe('given-name');
    const email = screen.getByLabelText('Email address') as HTMLInputElement;
    expect([email.type, email.getAttribute('aria-invalid')]).toEqual(['email', 'true']);
    expect(screen.getByRole('alert').textContent).toBe('email must be an email address');
  });

  it("for someone else's account: no autofill, inputs named new…, changes reported by field", () => {
    const changed: string[] = [];
    render(
      <PersonFields
        values={values}
        onChange={(field) => (e) => changed.push(`${field}=${e.target.value}`)}
        errors={{}}
        whose="other"
      />,
    );
    const userName = screen.getByLabelText('User name') as HTMLInputElement;
    expect([userName.name, userName.hasAttribute('autocomplete')]).toEqual(['newUserName', false]);
    expect((screen.getByLabelText('Last name') as HTMLInputElement).name).toBe('newLastName');
    fireEvent.change(screen.getByLabelText('Email address'), {
      target: { value: 'b@example.com' },
    });
    expect(changed).toEqual(['email=b@example.com']);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
