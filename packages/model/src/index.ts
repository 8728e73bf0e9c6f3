// The public entry of @meshwright/model: schemas, types, analysis and compile. Pure: no I/O.
export * from './common/primitives';
export * from './common/union';
export * from './common/duration';
export * from './common/issues';
export * from './tags/schema';
export * from './mesh/schema';
export * from './virtual-service/schema';
export * from './virtual-router/schema';
export * from './virtual-node/tls';
export * from './virtual-node/listener';
export * from './virtual-node/schema';
export * from './route/schema';
export * from './route/order';
export * from './input/cli-input';
export * from './input/bundle';
export * from './input/mesh-model';
export * from './analysis/index';
