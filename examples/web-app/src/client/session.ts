// Who is looking: the login picker writes the user's id into the cookie the server's `authenticate`
// reads. A local demo's stand-in for a real sign-in.
const COOKIE = 'leadline-user';

export function currentUserId(): string | null {
  const entry = document.cookie
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === COOKIE);
  return entry?.[1] ?? null;
}

export function signInAs(userId: string): void {
  document.cookie = `${COOKIE}=${encodeURIComponent(userId)}; path=/; SameSite=Strict`;
}
