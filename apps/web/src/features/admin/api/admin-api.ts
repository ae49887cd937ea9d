import type {
  CreateOrganisationRequest,
  CreateUserRequest,
  Organisation,
  Page,
  RequestBodyOf,
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

  updateUser: (id: string, body: RequestBodyOf<'patch', '/api/users/{id}'>) =>
    dataOf(client.PATCH('/api/users/{id}', { params: { path: { id } }, body })),

  /** The account's name lives on its person, changed (and audited) like any rectification. */
  renamePerson: (personId: string, fullName: string) =>
    dataOf(client.PATCH('/api/people/{id}', { params: { path: { id: personId } }, body: { fullName } })),

  resetPassword: (id: string, temporaryPassword: string) =>
    dataOf(
      client.POST('/api/users/{id}/password-reset', {
        params: { path: { id } },
        body: { temporaryPassword },
      }),
    ),

  updateOrganisation: (id: string, body: RequestBodyOf<'patch', '/api/organisations/{id}'>) =>
    dataOf(client.PATCH('/api/organisations/{id}', { params: { path: { id } }, body })),

  slaSettings: (signal?: AbortSignal) => dataOf(client.GET('/api/settings/sla', { signal })),

  saveSlaSettings: (body: RequestBodyOf<'put', '/api/settings/sla'>) =>
    dataOf(client.PUT('/api/settings/sla', { body })),

  tags: (signal?: AbortSignal) => dataOf(client.GET('/api/tags', { signal })),

  renameTag: (body: RequestBodyOf<'post', '/api/tags/rename'>) =>
    dataOf(client.POST('/api/tags/rename', { body })),

  removeTag: (body: RequestBodyOf<'post', '/api/tags/remove'>) =>
    dataOf(client.POST('/api/tags/remove', { body })),

  groups: (signal?: AbortSignal) => dataOf(client.GET('/api/groups', { signal })),

  createGroup: (name: string) => dataOf(client.POST('/api/groups', { body: { name } })),

  renameGroup: (id: string, name: string) =>
    dataOf(client.PATCH('/api/groups/{id}', { params: { path: { id } }, body: { name } })),

  deleteGroup: (id: string) => dataOf(client.DELETE('/api/groups/{id}', { params: { path: { id } } })),

  groupMembers: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/groups/{id}/members', { params: { path: { id } }, signal })),

  setGroupMembers: (id: string, userIds: string[]) =>
    dataOf(client.PUT('/api/groups/{id}/members', { params: { path: { id } }, body: { userIds } })),

  /** Active engineers by name, as the admin's `person.fullName` row shows them. */
  engineers: (signal?: AbortSignal) => dataOf(client.GET('/api/engineers', { signal })),

  deleteOrganisation: (id: string) =>
    dataOf(client.DELETE('/api/organisations/{id}', { params: { path: { id } } })),
};
