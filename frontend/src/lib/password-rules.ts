// The server's rule is the real one (it also refuses common passwords); this catches the
// obvious case before the round trip.
export const PASSWORD_HINT = 'At least 12 characters; common passwords are refused.';

export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'Use at least 12 characters.';
  return undefined;
}
