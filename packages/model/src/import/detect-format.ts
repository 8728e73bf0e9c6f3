// Tells the three input formats apart by their content, for `--format auto`.
export type ImportFormat = 'cloudformation' | 'kubernetes' | 'cli';

/** CloudFormation has Resources or AWSTemplateFormatVersion; Kubernetes has apiVersion and kind; the rest is CLI JSON. */
export function detectFormat(text: string): ImportFormat {
  if (/(^|[{,\s])["']?(AWSTemplateFormatVersion|Resources)["']?\s*:/m.test(text)) return 'cloudformation';
  if (/(^|[{,\s])["']?apiVersion["']?\s*:/m.test(text) && /(^|[{,\s])["']?kind["']?\s*:/m.test(text)) return 'kubernetes';
  return 'cli';
}
