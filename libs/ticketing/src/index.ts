export * from './status';
export * from './sla';
