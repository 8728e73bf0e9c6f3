// Import from CloudFormation, Kubernetes and AWS CLI documents: text in, `{ bundle, report }` out.
export * from './report';
export { importCloudFormation, parseTemplate, maxTemplateBytes, type CloudFormationOptions, type SourceText } from './cloudformation/import-cloudformation';
export { defaultPseudoParameters } from './cloudformation/template-scope';
export { importKubernetes, maxManifestBytes, type KubernetesOptions } from './kubernetes/import-kubernetes';
export { importCliDocuments, type CliImportOptions, type CliNames } from './cli/import-cli';
export { isCliScript, readCliScripts, type ReadScriptFile, type ScriptRead, type ScriptText } from './cli/script';
export { detectFormat, type ImportFormat } from './detect-format';
export { memberTableFromApiModel, renderMemberTable, type MemberTable } from './member-table';
