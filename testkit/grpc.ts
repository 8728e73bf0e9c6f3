// Test support: a real gRPC server and client (grpc-js) with a tiny service, so gRPC routes carry
// real calls in data-plane tests. The server answers with its own name and the method it ran.
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROTO = `
syntax = "proto3";
package shop;
message Ask { string text = 1; }
message Answer { string server = 1; string method = 2; string text = 3; }
service Cart {
  rpc Add(Ask) returns (Answer);
  rpc List(Ask) returns (Answer);
  rpc Remove(Ask) returns (Answer);
}
service Admin {
  rpc Purge(Ask) returns (Answer);
}
`;

/** The services of the test proto and their methods, by fully qualified name. */
export const GRPC_SERVICES = { 'shop.Cart': ['Add', 'List', 'Remove'], 'shop.Admin': ['Purge'] } as const;
export type GrpcServiceName = keyof typeof GRPC_SERVICES;

export interface GrpcAnswer {
  server: string;
  /** `/shop.Cart/Add`: the path the call reached the server with. */
  method: string;
  text: string;
}

let services: Record<GrpcServiceName, grpc.ServiceDefinition> | undefined;

function definitions(): Record<GrpcServiceName, grpc.ServiceDefinition> {
  if (services) return services;
  const file = join(mkdtempSync(join(tmpdir(), 'mw-grpc-proto-')), 'shop.proto');
  writeFileSync(file, PROTO);
  const loaded = grpc.loadPackageDefinition(loadSync(file, { keepCase: true, defaults: true }));
  const shop = loaded.shop as grpc.GrpcObject;
  const service = (name: string) => {
    const ctor = shop[name] as grpc.ServiceClientConstructor | undefined;
    if (!ctor) throw new Error(`shop.proto has no service ${name}`);
    return ctor.service;
  };
  services = { 'shop.Cart': service('Cart'), 'shop.Admin': service('Admin') };
  return services;
}

export interface GrpcUpstream {
  name: string;
  port: number;
  /** Paths (`/shop.Cart/Add`) of the calls it received, in order. */
  calls: string[];
  close: () => Promise<void>;
}

/** A gRPC server on loopback implementing every method of the test services. */
export async function grpcUpstream(name: string): Promise<GrpcUpstream> {
  const calls: string[] = [];
  const server = new grpc.Server();
  for (const [serviceName, definition] of Object.entries(definitions())) {
    const handlers: grpc.UntypedServiceImplementation = {};
    for (const method of GRPC_SERVICES[serviceName as GrpcServiceName]) {
      handlers[method] = (call: grpc.ServerUnaryCall<{ text: string }, GrpcAnswer>, callback: grpc.sendUnaryData<GrpcAnswer>) => {
        const path = call.getPath();
        calls.push(path);
        callback(null, { server: name, method: path, text: call.request.text });
      };
    }
    server.addService(definition, handlers);
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const close = () => new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  return { name, port, calls, close };
}

export type GrpcOutcome = { ok: true; answer: GrpcAnswer } | { ok: false; code: grpc.status; details: string };

export interface GrpcCallOptions {
  /** The `:authority` the client sends (defaults to the address it dials). */
  authority?: string;
  metadata?: Record<string, string>;
  /** TLS with this CA (PEM); plain text otherwise. */
  ca?: Buffer;
}

/** One unary call to `service`/`method` at 127.0.0.1:`port`: the answer, or the status it failed with. */
export function grpcCall(port: number, service: GrpcServiceName, method: string, text = '', opts: GrpcCallOptions = {}): Promise<GrpcOutcome> {
  const definition = definitions()[service];
  const Client = grpc.makeGenericClientConstructor(definition, service);
  const credentials = opts.ca ? grpc.credentials.createSsl(opts.ca) : grpc.credentials.createInsecure();
  const client = new Client(`127.0.0.1:${port}`, credentials, opts.authority ? { 'grpc.default_authority': opts.authority, 'grpc.ssl_target_name_override': opts.authority } : {});
  const metadata = new grpc.Metadata();
  for (const [k, v] of Object.entries(opts.metadata ?? {})) metadata.set(k, v);
  const fn = (client as unknown as Record<string, unknown>)[method];
  if (typeof fn !== 'function') throw new Error(`${service} has no method ${method}`);
  return new Promise<GrpcOutcome>((resolve) => {
    const deadline = new Date(Date.now() + 5000);
    fn.call(client, { text }, metadata, { deadline }, (err: grpc.ServiceError | null, answer: GrpcAnswer) => {
      client.close();
      resolve(err ? { ok: false, code: err.code, details: err.details } : { ok: true, answer });
    });
  });
}

export { status as grpcStatus } from '@grpc/grpc-js';
