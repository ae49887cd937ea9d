export * from './log-scrub';
export * from './email';
export * from './keyed-hash';
