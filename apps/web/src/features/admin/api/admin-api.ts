import type {
  CreateOrganisationRequest,
  CreateUserRequest,
  Organisation,
  Page,
  UserSummary,
  UsersQuery,
} from '@hushdesk/api-client';
import { client, dataOf } from '../../../lib/api-client';

export interface PageParams {
  limit: number;
  cursor?: string | null;
}

export const adminApi = {
  listOrganisations: ({ limit, cursor }: PageParams, signal?: AbortSignal): Promise<Page<Organisation>> =>
    dataOf(
      client.GET('/api/organisations', { params: { query: { limit, cursor: cursor ?? undefined } }, signal }),
    ),

  createOrganisation: (body: CreateOrganisationRequest) =>
    dataOf(client.POST('/api/organisations', { body })),

  listUsers: (
    { limit, cursor, role }: PageParams & { role?: UsersQuery['role'] },
    signal?: AbortSignal,
  ): Promise<Page<UserSummary>> =>
    dataOf(
      client.GET('/api/users', { params: { query: { limit, cursor: cursor ?? undefined, role } }, signal }),
    ),

  createUser: (body: CreateUserRequest) => dataOf(client.POST('/api/users', { body })),
};
