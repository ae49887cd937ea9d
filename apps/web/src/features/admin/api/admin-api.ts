import {
  apiPaths,
  type CreateOrganisationRequest,
  type CreateUserRequest,
  type Organisation,
  type Page,
  type Role,
  type UserSummary,
} from '@hushdesk/contracts';
import { apiClient } from '../../../lib/api-client';

export interface PageParams {
  limit: number;
  cursor?: string | null;
}

export const adminApi = {
  listOrganisations: ({ limit, cursor }: PageParams, signal?: AbortSignal) =>
    apiClient.get<Page<Organisation>>(apiPaths.organisations, { query: { limit, cursor }, signal }),

  createOrganisation: (body: CreateOrganisationRequest) =>
    apiClient.post<Organisation>(apiPaths.organisations, body),

  listUsers: ({ limit, cursor, role }: PageParams & { role?: Role }, signal?: AbortSignal) =>
    apiClient.get<Page<UserSummary>>(apiPaths.users, { query: { limit, cursor, role }, signal }),

  createUser: (body: CreateUserRequest) => apiClient.post<UserSummary>(apiPaths.users, body),
};
