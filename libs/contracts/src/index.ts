export * from './roles';
export * from './auth';
export * from './admin';
export * from './http';
export * from './people';
export * from './tickets';
export * from './dsar';
export * from './settings';
