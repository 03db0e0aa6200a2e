export * from '@/lib/config/permissions';
export * from './effective';
export * from './can';
