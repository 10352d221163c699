/** What is wrong with a new password, in the words the form shows; undefined when it will do. */
export function passwordProblem(password: string): string | undefined {
  if (!password) return 'Enter a new password';
  if (password.length < 12) return 'Password must be at least 12 characters';
  if (password.length > 1024) return 'Password must be 1024 characters or fewer';
  return undefined;
}

/** A password field as posted: never trimmed (spaces may be part of it). */
export const rawField = (body: unknown, name: string): string => {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
};
