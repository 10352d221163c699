/** What is wrong with a new password, in the words the form shows; undefined when it will do. */
export function passwordProblem(password: string): string | undefined {
  if (!password) return 'Enter a new password';
  if (password.length < 12) return 'Password must be at least 12 characters';
  if (password.length > 1024) return 'Password must be 1024 characters or fewer';
  return undefined;
}
