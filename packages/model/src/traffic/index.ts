export * from './stat-names';
export * from './quantiles';
export * from './scope-traffic';
export * from './attribution';
export * from './edges';
export * from './gateway-traffic';
export * from './health';
export * from './access-log';
