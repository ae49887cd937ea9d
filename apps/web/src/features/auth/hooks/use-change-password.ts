import type { AuthUser, ChangePasswordRequest } from '@hushdesk/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { reconnectSocket } from '../../../lib/socket';
import { authApi } from '../api/auth-api';
import { sessionMarker } from '../session-marker';
import { authKeys } from './use-auth';

/**
 * Changes the signed-in account's password. On success the browser already holds the new
 * session's cookie; the account is the same, so cached data stays and only `me` is refreshed.
 * The server closed every live socket of the account, so this browser's opens again.
 */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ChangePasswordRequest) => authApi.changePassword(request),
    onSuccess: (response) => {
      sessionMarker.set();
      queryClient.setQueryData<AuthUser | null>(authKeys.me, response.user);
      reconnectSocket();
    },
  });
}
