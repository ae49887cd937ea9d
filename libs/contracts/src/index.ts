export * from './roles';
export * from './auth';
export * from './http';
export * from './people';
export * from './tickets';
export * from './dsar';
export * from './macros';
