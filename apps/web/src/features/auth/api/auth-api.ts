import { apiPaths, type AuthUser, type LoginRequest, type LoginResponse } from '@hushdesk/contracts';
import { apiClient, isApiError } from '../../../lib/api-client';
import { sessionMarker } from '../session-marker';

export const authApi = {
  login: (credentials: LoginRequest) => apiClient.post<LoginResponse>(apiPaths.login, credentials),

  logout: () => apiClient.post<undefined>(apiPaths.logout),

  /** The signed-in account, or `null` when nobody is signed in (the API answers 401). */
  async me(signal?: AbortSignal): Promise<AuthUser | null> {
    try {
      const user = await apiClient.get<AuthUser>(apiPaths.me, { signal });
      sessionMarker.set();
      return user;
    } catch (error) {
      if (isApiError(error) && error.status === 401) return null;
      throw error;
    }
  },
};
