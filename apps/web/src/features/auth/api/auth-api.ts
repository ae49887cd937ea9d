import type { AuthUser, ChangePasswordRequest, DemoInfo, LoginRequest } from '@hushdesk/api-client';
import { client, dataOf, hasSessionCookie, isApiError } from '../../../lib/api-client';
import { sessionMarker } from '../session-marker';

export const authApi = {
  login: (credentials: LoginRequest) => dataOf(client.POST('/api/auth/login', { body: credentials })),

  logout: async (): Promise<undefined> => {
    await client.POST('/api/auth/logout');
    return undefined;
  },

  /**
   * Changes the signed-in account's password. The API ends every session of the account and
   * answers like a sign-in, setting the cookie of a new session, so this browser stays signed in.
   */
  changePassword: (request: ChangePasswordRequest) =>
    dataOf(client.POST('/api/auth/password', { body: request })),

  /** The signed-in account, or `null` when nobody is signed in (no session cookie, or the API answers 401). */
  async me(signal?: AbortSignal): Promise<AuthUser | null> {
    if (!hasSessionCookie()) return null;
    try {
      const user = await dataOf(client.GET('/api/auth/me', { signal }));
      sessionMarker.set();
      return user;
    } catch (error) {
      if (isApiError(error) && error.status === 401) return null;
      throw error;
    }
  },

  /** The demo logins on a demo install, or `null` on a real one (no logins, or an older API's 404). */
  async demo(signal?: AbortSignal): Promise<DemoInfo | null> {
    try {
      const info = await dataOf(client.GET('/api/demo', { signal }));
      return info.accounts.length > 0 ? info : null;
    } catch (error) {
      if (isApiError(error) && error.status === 404) return null;
      throw error;
    }
  },
};
