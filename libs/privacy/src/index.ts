export * from './log-scrub';
export * from './email';
export * from './keyed-hash';
export * from './identifiers';
export * from './redaction';
export * from './masking';
export * from './field-policy';
export * from './hash-chain';
