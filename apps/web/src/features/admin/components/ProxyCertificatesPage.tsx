import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ListTable } from '../../../components/ListTable';
import { ListStates } from '../../../components/states';
import { ApiError } from '../../../lib/api-client';
import { proxyCertificatesQueryOptions } from '../api/proxy-certificates-api';
import { formatTime } from '../lib/audit-filters';
import { certificateState, describeProxy, proxyOf, revocationAuditPath, type ProxyCertificate } from '../lib/proxy-certificates';
import { CertificateMeshFilter } from './CertificateMeshFilter';
import { RevokeCertificateButton } from './RevokeCertificateButton';

/** The client certificates issued with ADS bootstraps (admins only), filtered by mesh, each revocable. */
export function ProxyCertificatesPage() {
  const [params, setParams] = useSearchParams();
  const mesh = params.get('mesh')?.trim() || undefined;
  const certificates = useQuery(proxyCertificatesQueryOptions(mesh));
  const [revoked, setRevoked] = useState<ProxyCertificate | undefined>();
  // A non-admin who opens the URL gets the server's refusal, and nothing it would refuse again.
  const forbidden = certificates.error instanceof ApiError && certificates.error.isForbidden;
  const now = Date.now();
  return (
    <div className="page">
      <div className="page-header">
        <h1>Proxy certificates</h1>
      </div>
      <p className="lead">
        Each ADS bootstrap download issues its Envoy a client certificate, which the xDS server checks on every stream. Revoke one to cut that Envoy off.
      </p>
      {revoked ? <RevokedNotice certificate={revoked} /> : null}
      <section className="card" aria-labelledby="certificates-title">
        <h2 id="certificates-title">Certificates</h2>
        {forbidden ? null : <CertificateMeshFilter mesh={mesh} onChange={(next) => setParams(next ? { mesh: next } : {})} />}
        <ListStates
          query={certificates}
          loading="Loading proxy certificates"
          failed={forbidden ? 'Only admin keys see proxy certificates' : 'Could not list proxy certificates'}
          empty={mesh ? `No certificates issued in mesh ${mesh}` : 'No certificates issued yet'}
          emptyDetail={<p className="muted">An ADS bootstrap download (a node&apos;s Envoy tab) issues one. Under XDS_INSECURE=1 none are issued.</p>}
        />
        <ListTable
          caption="Proxy certificates, oldest first"
          columns={['Node id', 'Proxy kind', 'Mesh', 'Serial', 'Issued (UTC)', 'Expires (UTC)', 'Revoked (UTC)', <span className="visually-hidden">Actions</span>]}
          rows={forbidden ? undefined : certificates.data}
          row={(c) => {
            const state = certificateState(c, now);
            return (
              <tr key={c.serial}>
                <td className="wrap">
                  <code>{c.proxyId}</code>
                </td>
                <td>{proxyOf(c.proxyId)?.kind ?? 'unknown'}</td>
                <td>{c.meshName}</td>
                <td>
                  <code>{c.serial}</code>
                </td>
                <td>{formatTime(c.issuedAt)}</td>
                <td>
                  {formatTime(c.expiresAt)}
                  {state === 'expired' ? <> <span className="badge warning">expired</span></> : null}
                </td>
                <td>
                  {c.revokedAt ? (
                    <>
                      <span className="badge error">revoked</span> {formatTime(c.revokedAt)}
                    </>
                  ) : (
                    'no'
                  )}
                </td>
                <td>{state === 'revoked' ? null : <RevokeCertificateButton certificate={c} onRevoked={setRevoked} />}</td>
              </tr>
            );
          }}
        />
      </section>
    </div>
  );
}

/** What the last revoke did, and where the audit log recorded it. */
function RevokedNotice({ certificate }: { certificate: ProxyCertificate }) {
  return (
    <div className="alert success" role="status">
      <p className="alert-title">
        Certificate {certificate.serial} of {describeProxy(certificate)} revoked
      </p>
      <p>
        Its Envoy is refused from {certificate.revokedAt ? formatTime(certificate.revokedAt) : 'now'} on; download the ADS bootstrap again to issue a new one.{' '}
        <Link to={revocationAuditPath(certificate)}>See the revocation in the audit log</Link>
      </p>
    </div>
  );
}
