// Public entry of the BFF: the app factory, its dependency types and the stores.
export { createApp } from './app';
export { createHttpServer } from './http/http-server';
export { type AppConfig, type AppDeps, type ChangeEvent, type Logger } from './deps';
export { DuplicateKeyError, type ClientTokenRecord, type ListQuery, type ResourceKey, type Store, type StoreWrite, type StoredResource } from './store/types';
export { openSqliteStore } from './store/sqlite-store';
export { openPostgresStore, dropPostgresSchema, type PostgresStoreOptions } from './store/postgres-store';
export { openStore, isPostgresUrl, type StoreConfig } from './store/open-store';
export { meshModelFromRows } from './store/mesh-model';
