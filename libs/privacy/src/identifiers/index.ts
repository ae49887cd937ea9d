export * from './types';
export * from './email';
export * from './phone';
export * from './name';
export * from './detect';
export * from './known-phones';
export * from './known-emails';
