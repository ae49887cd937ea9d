import { API_PREFIX } from '@hushdesk/contracts';

/**
 * Paths the API writes into its own answers (a released package's links). Clients take every path
 * from the OpenAPI document; these must match the routes of `dsar.controller.ts`.
 */
export const dsarPaths = {
  export: (id: string, format: 'json' | 'zip' | 'csv') => `${API_PREFIX}/dsar/${id}/export?format=${format}`,
  download: (token: string) => `${API_PREFIX}/dsar/downloads/${token}`,
} as const;
