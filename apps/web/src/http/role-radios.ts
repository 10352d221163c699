/** Radio items for the roles someone may be invited as; the first carries the id the error summary links to. */
export function roleRadios<R extends string>(
  roles: readonly R[],
  choices: Record<R, { text: string; hint: string }>,
  checked: string | undefined,
) {
  return roles.map((role, i) => ({
    value: role,
    text: choices[role].text,
    hint: { text: choices[role].hint },
    checked: checked === role,
    ...(i === 0 ? { id: 'role' } : {}),
  }));
}
