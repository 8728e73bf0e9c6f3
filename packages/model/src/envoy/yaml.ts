import { stringify } from 'yaml';

/**
 * YAML that Envoy reads back unchanged. Envoy's parser follows YAML 1.1, where bare `yes`, `on` or
 * `0x1F` are not strings, so we write 1.1 and the serializer quotes them. No anchors: plain and diffable.
 */
export function toEnvoyYaml(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}
