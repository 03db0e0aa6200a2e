export * from './enums';
export * from './tenants';
export * from './users';
export * from './rbac';
export * from './links';
export * from './audit';
export * from './auth';
export * from './mail';
