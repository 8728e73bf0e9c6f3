import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorMessage } from '../../../components/states';
import { useRevokeCertificate } from '../api/proxy-certificates-api';
import { describeProxy, type ProxyCertificate } from '../lib/proxy-certificates';

/** Revokes one certificate after a confirmation that names the proxy and says what happens to its Envoy. */
export function RevokeCertificateButton({ certificate, onRevoked }: { certificate: ProxyCertificate; onRevoked: (revoked: ProxyCertificate) => void }) {
  const [open, setOpen] = useState(false);
  const revoke = useRevokeCertificate();
  const proxy = describeProxy(certificate);
  const close = () => {
    setOpen(false);
    revoke.reset();
  };
  return (
    <>
      <button type="button" className="button danger small" onClick={() => setOpen(true)}>
        Revoke<span className="visually-hidden"> certificate {certificate.serial} of {proxy}</span>
      </button>
      <ConfirmDialog
        open={open}
        title={`Revoke the certificate of ${proxy}?`}
        confirmLabel="Revoke certificate"
        busy={revoke.isPending}
        busyLabel="Revoking…"
        onCancel={close}
        onConfirm={() =>
          revoke.mutate(certificate.serial, {
            onSuccess: (revoked) => {
              setOpen(false);
              onRevoked(revoked);
            },
          })
        }
      >
        <p>
          Certificate <code>{certificate.serial}</code> of the {proxy} in mesh <strong>{certificate.meshName}</strong> (node id <code>{certificate.proxyId}</code>).
        </p>
        <p>
          The Envoy running with it is cut off from meshwright: its xDS stream is ended and refused from then on, so it keeps the configuration it has but gets no more
          changes. Downloading the proxy&apos;s ADS bootstrap again issues a new certificate. A revocation cannot be undone.
        </p>
        {revoke.error ? <ErrorMessage error={revoke.error} title="Not revoked" /> : null}
      </ConfirmDialog>
    </>
  );
}
