import type { AuthUser, LoginRequest } from '@hushdesk/api-client';
import { ROLE_HOME } from '@hushdesk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { isApiError, onSessionExpired } from '../../../lib/api-client';
import { closeSocket } from '../../../lib/socket';
import { authApi } from '../api/auth-api';
import { sessionMarker } from '../session-marker';

export const authKeys = {
  me: ['auth', 'me'] as const,
  demo: ['auth', 'demo'] as const,
};

/** Where a guard sent the visitor from, so signing in can take them back there. */
export interface LoginLocationState {
  from?: string;
}

/** Forget everything cached for the previous account, keeping only the auth query itself. */
function forgetAccountData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
}

/**
 * Who is signed in: `data` is the account, or `null` when nobody is (the API said 401).
 * An `error` means we could not find out (network or server trouble).
 */
export function useCurrentUser() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: ({ signal }) => authApi.me(signal),
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginRequest) => authApi.login(credentials),
    onSuccess: (response) => {
      sessionMarker.set();
      // Another account may have been signed in on this tab: its live connection must not carry over.
      closeSocket();
      forgetAccountData(queryClient);
      queryClient.setQueryData<AuthUser | null>(authKeys.me, response.user);
    },
  });
}

/** Signs out, forgets cached data and goes to the sign-in page. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const finish = () => {
    closeSocket();
    sessionMarker.clear();
    void navigate('/login', { replace: true });
    queryClient.setQueryData<AuthUser | null>(authKeys.me, null);
    forgetAccountData(queryClient);
  };

  return useMutation({
    mutationFn: () => authApi.logout(),
    onSuccess: finish,
    onError: (error) => {
      // A 401 means the session had already ended: we are signed out either way.
      if (isApiError(error) && error.status === 401) finish();
    },
  });
}

/** Pages under here belong to every account, whatever its role (change password). */
const ACCOUNT_AREA = '/account/';
/** A released DSAR package's download page: it checks for itself who may download. */
const DOWNLOAD_AREA = '/download/';

/** The page to open after signing in: where the visitor was heading, if it is theirs, else their home. */
export function destinationAfterLogin(user: AuthUser, from: string | undefined): string {
  const home = ROLE_HOME[user.role];
  if (from && (from === home || from.startsWith(`${home}/`) || from.startsWith(`${home}?`))) return from;
  if (from?.startsWith(ACCOUNT_AREA) || from?.startsWith(DOWNLOAD_AREA)) return from;
  return home;
}

/**
 * When any API call reports that the session has expired, drop all cached data and send the
 * visitor to the sign-in page, which then explains what happened. Mount once, inside the router.
 */
export function useSessionExpiryRedirect(): void {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const locationRef = useRef(location);

  useEffect(() => {
    locationRef.current = location;
  }, [location]);

  useEffect(
    () =>
      onSessionExpired(() => {
        const current = locationRef.current;
        if (current.pathname === '/login') return;
        queryClient.clear();
        const state: LoginLocationState = { from: `${current.pathname}${current.search}` };
        void navigate('/login?expired=1', { replace: true, state });
      }),
    [queryClient, navigate],
  );
}

/** The demo logins to offer on the sign-in page; `null` on a real install. */
export function useDemoInfo() {
  return useQuery({
    queryKey: authKeys.demo,
    queryFn: ({ signal }) => authApi.demo(signal),
    staleTime: Infinity,
  });
}
