// The node's file access log, written by every listener of its Envoy.
import type { VirtualNodeSpec } from '../virtual-node/schema';
import { TYPE, type JsonObject, type JsonValue } from './json';
import { names } from './names';

type FileLog = NonNullable<NonNullable<NonNullable<VirtualNodeSpec['logging']>['accessLog']>['file']>;

function logFormat(format: FileLog['format']): JsonObject | undefined {
  if (format?.text !== undefined) {
    // A text format without a line break would glue every request onto one line.
    const text = format.text.endsWith('\n') ? format.text : `${format.text}\n`;
    return { text_format_source: { inline_string: text } };
  }
  if (format?.json !== undefined) {
    const fields: JsonObject = {};
    for (const { key, value } of format.json) fields[key] = value;
    return { json_format: fields };
  }
  return undefined;
}

/** `access_log` entries for a connection manager or TCP proxy; undefined when the node logs nothing. */
export function accessLogs(spec: VirtualNodeSpec): JsonValue[] | undefined {
  const file = spec.logging?.accessLog?.file;
  if (!file) return undefined;
  const config: JsonObject = { '@type': TYPE.fileAccessLog, path: file.path };
  const format = logFormat(file.format);
  if (format) config.log_format = format;
  return [{ name: 'envoy.access_loggers.file', typed_config: config }];
}

/**
 * ADS proxies also stream every request to meshwright's AccessLogService over the xDS cluster
 * (envoy.access_loggers.http_grpc / tcp_grpc), beside any file log the node asks for.
 */
export function withGrpcAccessLog(ctx: { opts: { mode: string }; accessLog: JsonValue[] | undefined }, kind: 'http' | 'tcp'): JsonValue[] | undefined {
  if (ctx.opts.mode !== 'ads') return ctx.accessLog;
  const grpc: JsonObject = {
    name: `envoy.access_loggers.${kind}_grpc`,
    typed_config: {
      '@type': `type.googleapis.com/envoy.extensions.access_loggers.grpc.v3.${kind === 'http' ? 'HttpGrpcAccessLogConfig' : 'TcpGrpcAccessLogConfig'}`,
      common_config: {
        log_name: 'meshwright',
        transport_api_version: 'V3',
        grpc_service: { envoy_grpc: { cluster_name: names.xdsCluster } },
      },
    },
  };
  return [...(ctx.accessLog ?? []), grpc];
}
