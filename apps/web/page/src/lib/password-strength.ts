/** What the services require of a password (auth-service domain), shown next to the field. */
export const PASSWORD_POLICY = [
  'At least 12 characters (a few words make a good one)',
  'At most 256 characters; it must not contain your user name or be a commonly used password',
];

export type Strength = { score: 0 | 1 | 2 | 3 | 4; label: string };

/** A hint only: the server decides. Length counts most; variety and no repeats help. */
export function passwordStrength(password: string): Strength {
  if (!password) return { score: 0, label: '' };
  let score = 0;
  if (password.length >= 12) score++;
  if (password.length >= 16) score++;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes >= 3 || (password.includes(' ') && password.length >= 16)) score++;
  if (new Set(password).size >= Math.min(10, password.length * 0.6)) score++;
  if (password.length < 12) score = Math.min(score, 1);
  const s = Math.min(4, score) as Strength['score'];
  return { score: s, label: ['Too weak', 'Weak', 'Fair', 'Good', 'Strong'][s] };
}
