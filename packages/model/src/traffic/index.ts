export * from './stat-names';
export * from './quantiles';
export * from './edges';
export * from './access-log';
