export * from './permissions';
export * from './effective';
export * from './can';
