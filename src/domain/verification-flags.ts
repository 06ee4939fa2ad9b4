// eSignon's `enable_mobile_cert` and `enable_password_cert`, as its clients send them: the
// strings "true" and "false" (and the odd "flase"). Given, only "true" turns the check on, so
// "false" switches it off even when a mobile number or password comes along; absent, a given
// value turns it on.
export function isCheckEnabled(flag: unknown, value: string): boolean {
  if (flag === undefined || flag === null) return value !== '';
  return flag === true || (typeof flag === 'string' && flag.trim().toLowerCase() === 'true');
}
