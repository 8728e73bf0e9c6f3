// The files the Export control offers, written by the model's exporters from the server's bundle.
import { exportCliInputs, exportCloudFormation, exportKubernetes } from '@meshwright/model';

export type ExportFormat = 'bundle' | 'cloudformation' | 'kubernetes' | 'cli';

export interface ExportFile {
  filename: string;
  text: string;
  type: string;
}

const slug = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'mesh';

/**
 * One file per format. AWS CLI inputs come as one JSON array of `--cli-input-json` documents in
 * creation order (several downloads at once are blocked by browsers); `meshwright import` reads it back.
 */
export function exportFile(bundle: Record<string, unknown>, meshName: string, format: ExportFormat): ExportFile {
  const base = slug(meshName);
  switch (format) {
    case 'bundle':
      return { filename: `${base}.bundle.json`, text: `${JSON.stringify(bundle, null, 2)}\n`, type: 'application/json' };
    case 'cloudformation':
      return { filename: `${base}.cloudformation.yaml`, text: exportCloudFormation(bundle), type: 'application/yaml' };
    case 'kubernetes':
      return { filename: `${base}.kubernetes.yaml`, text: exportKubernetes(bundle).text, type: 'application/yaml' };
    case 'cli':
      return { filename: `${base}.cli-inputs.json`, text: `${JSON.stringify(Object.values(exportCliInputs(bundle)), null, 2)}\n`, type: 'application/json' };
  }
}
