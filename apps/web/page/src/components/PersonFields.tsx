import { Field } from './Field';

export interface PersonValues {
  readonly userName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
}

type Change = (e: { target: { value: string } }) => void;

/**
 * User name, first and last name and email address of a new account, each with its server error.
 * `whose`: `self` (the person creating their own organization: the browser may fill them in, and the
 * names sit side by side) or `other` (an administrator creating someone's account: no autofill, and
 * the inputs are named `new…` so that they are not taken for the administrator's own).
 */
export function PersonFields({
  values,
  onChange,
  errors,
  whose,
}: {
  values: PersonValues;
  onChange: (field: keyof PersonValues) => Change;
  errors: Record<string, string | undefined>;
  whose: 'self' | 'other';
}) {
  const self = whose === 'self';
  const field = (key: keyof PersonValues, label: string, autoComplete: string) => (
    <Field
      label={label}
      name={self ? key : `new${key[0].toUpperCase()}${key.slice(1)}`}
      {...(key === 'email' && { type: 'email' })}
      {...(self && { autoComplete })}
      value={values[key]}
      onChange={onChange(key)}
      error={errors[key]}
      required
    />
  );
  const names = (
    <>
      {field('firstName', 'First name', 'given-name')}
      {field('lastName', 'Last name', 'family-name')}
    </>
  );
  return (
    <>
      {field('userName', self ? 'Your user name' : 'User name', 'username')}
      {self ? <div className="grid-2">{names}</div> : names}
      {field('email', 'Email address', 'email')}
    </>
  );
}
