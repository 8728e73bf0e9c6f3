import { z } from 'zod';
import { anyString, booleanValue, listOf, oneOf, portNumber, stringOfLength } from '../common/primitives';
import { exactlyOne } from '../common/union';

const filePath = () => stringOfLength(1, 255);

export const fileCertificateSchema = z.strictObject({
  /** PEM certificate chain on the proxy's file system. */
  certificateChain: filePath(),
  /** PEM private key on the proxy's file system. */
  privateKey: filePath(),
});
export const sdsCertificateSchema = z.strictObject({ secretName: anyString() });

export const subjectAlternativeNamesSchema = z.strictObject({
  match: z.strictObject({ exact: listOf(stringOfLength(1, 254)) }),
});

const fileTrust = z.strictObject({ certificateChain: filePath() });
const sdsTrust = z.strictObject({ secretName: anyString() });

export const listenerTlsSchema = z.strictObject({
  /** STRICT accepts only TLS, PERMISSIVE both, DISABLED plain text. */
  mode: oneOf(['STRICT', 'PERMISSIVE', 'DISABLED'] as const),
  certificate: exactlyOne({
    acm: z.strictObject({ certificateArn: anyString() }),
    file: fileCertificateSchema,
    sds: sdsCertificateSchema,
  }),
  /** Client certificate validation (mutual TLS). */
  validation: z
    .strictObject({
      subjectAlternativeNames: subjectAlternativeNamesSchema.optional(),
      trust: exactlyOne({ file: fileTrust, sds: sdsTrust }),
    })
    .optional(),
});
export type ListenerTls = z.infer<typeof listenerTlsSchema>;

export const clientPolicySchema = z.strictObject({
  tls: z
    .strictObject({
      /** Client certificate for mutual TLS. */
      certificate: exactlyOne({ file: fileCertificateSchema, sds: sdsCertificateSchema }).optional(),
      /** Whether TLS is enforced; true when absent. */
      enforce: booleanValue().optional(),
      /** Ports TLS applies to; all when absent. */
      ports: listOf(portNumber()).optional(),
      validation: z.strictObject({
        subjectAlternativeNames: subjectAlternativeNamesSchema.optional(),
        trust: exactlyOne({
          acm: z.strictObject({ certificateAuthorityArns: listOf(anyString(), 1, 3) }),
          file: fileTrust,
          sds: sdsTrust,
        }),
      }),
    })
    .optional(),
});
export type ClientPolicy = z.infer<typeof clientPolicySchema>;
