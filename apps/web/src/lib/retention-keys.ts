/**
 * Query keys of the retention screens; recordings invalidate them when calls come and go. They live
 * here, not in the retention feature, because retention shows recordings: recordings depending on
 * retention too would make the two features a cycle.
 */
export const retentionKeys = {
  all: ['retention'] as const,
  runs: () => [...retentionKeys.all, 'runs'] as const,
  run: (id: string) => [...retentionKeys.all, 'run', id] as const,
  policies: () => [...retentionKeys.all, 'policies'] as const,
  forecast: () => [...retentionKeys.all, 'forecast'] as const,
  holds: () => [...retentionKeys.all, 'holds'] as const,
};
