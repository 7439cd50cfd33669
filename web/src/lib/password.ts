/** Client-side echo of the server's password policy: ≥ 8 characters of ≥ 3 kinds. The server has the last word. */
export function meetsPasswordPolicy(password: string, minLength = 8): boolean {
  if (password.length < minLength) return false;
  const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return kinds >= 3;
}
