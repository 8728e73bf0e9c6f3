// Proxy certificates in the console API: the ADS bootstrap download carries a new one (client
// certificate, key and CA inline), and admins list and revoke them:
//   GET  /proxy-certificates?mesh=M            every issued certificate, oldest first
//   POST /proxy-certificates/{serial}/revoke   refused from then on; open xDS streams of it are ended
import type { Response, Router } from 'express';
import { describeIssues, toFieldIssues, withXdsClientTls, type JsonObject } from '@meshwright/model';
import { requestAuth } from '../auth/request-auth';
import type { AppConfig, Logger } from '../deps';
import { BadRequestError, NotFoundError } from '../http/errors';
import type { ProxyCertificateRecord } from '../store/proxy-certificates';
import { proxyPath, type ProxyRef } from '../xds/tls/proxy-identity';
import type { XdsCredentials } from '../xds/tls/xds-credentials';
import { proxyCertificatesQuery, serialParams, type proxyCertificateSchema } from './contract';
import type { z } from 'zod';

type ProxyCertificateJson = z.infer<typeof proxyCertificateSchema>;

const iso = (ms: number) => new Date(ms).toISOString();

/** Names the request in the audit trail: the operation, the proxy's ARN and mesh, and what it did. */
function auditAs(res: Response, config: AppConfig, operation: string, meshName: string, proxyId: string, note: string): void {
  const auth = requestAuth(res);
  auth.audit = true;
  auth.operation = operation;
  auth.resource = `arn:aws:appmesh:${config.region}:${config.accountId}:${proxyId}`;
  auth.mesh = meshName;
  auth.note = note;
}

export function proxyCertificateJson(r: ProxyCertificateRecord): ProxyCertificateJson {
  return { serial: r.serial, meshName: r.meshName, proxyId: r.proxyId, issuedAt: iso(r.issuedAt), expiresAt: iso(r.expiresAt), revokedAt: r.revokedAt === null ? null : iso(r.revokedAt) };
}

/** The ADS bootstrap with a freshly issued client certificate inline; as is under XDS_INSECURE=1 (no credentials). */
export async function adsBootstrapWithCertificate(
  bootstrap: Record<string, unknown>,
  proxy: ProxyRef,
  credentials: XdsCredentials | undefined,
  config: AppConfig,
  logger: Logger | undefined,
  res: Response,
): Promise<Record<string, unknown>> {
  if (!credentials) return bootstrap;
  const issued = await credentials.issueProxy(proxy);
  auditAs(res, config, 'console:IssueProxyCertificate', proxy.meshName, proxyPath(proxy), `certificate serial ${issued.serial} issued`);
  logger?.info('proxy certificate issued', { serial: issued.serial, meshName: proxy.meshName, proxy: `${proxy.kind}/${proxy.name}` });
  return withXdsClientTls(bootstrap as JsonObject, { caPem: issued.caPem, certPem: issued.certPem, keyPem: issued.keyPem, serverHost: config.xds.host });
}

export function proxyCertificateRoutes(router: Router, credentials: XdsCredentials | undefined, config: AppConfig): void {
  router.get('/proxy-certificates', async (req, res) => {
    const query = proxyCertificatesQuery.safeParse(req.query, { reportInput: true });
    if (!query.success) throw new BadRequestError(describeIssues(toFieldIssues(query.error)));
    const certificates = credentials ? await credentials.list(query.data.mesh) : [];
    res.json({ certificates: certificates.map(proxyCertificateJson) });
  });
  router.post('/proxy-certificates/:serial/revoke', async (req, res) => {
    requestAuth(res).operation = 'console:RevokeProxyCertificate';
    const params = serialParams.safeParse(req.params, { reportInput: true });
    if (!params.success) throw new BadRequestError(describeIssues(toFieldIssues(params.error)));
    if (!credentials) throw new NotFoundError('xDS runs without TLS (XDS_INSECURE=1): there are no proxy certificates to revoke');
    const revoked = await credentials.revoke(params.data.serial);
    if (!revoked) throw new NotFoundError(`no proxy certificate has serial ${params.data.serial}`);
    auditAs(res, config, 'console:RevokeProxyCertificate', revoked.meshName, revoked.proxyId, `certificate serial ${revoked.serial} revoked`);
    res.json(proxyCertificateJson(revoked));
  });
}
