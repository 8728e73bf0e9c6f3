/**
 * A downloaded ADS bootstrap with only the admin port changed, so this Envoy's admin endpoint
 * cannot collide with anything else on the machine; node id and xDS address stay as the console gave them.
 */
export function withAdminPort(bootstrap: string, port: number): string {
  const rewritten = bootstrap.replace(/^(admin:\n(?:[ ]+.*\n)*?[ ]+port_value: )\d+$/m, `$1${port}`);
  if (rewritten === bootstrap) throw new Error(`no admin port_value in the bootstrap:\n${bootstrap}`);
  return rewritten;
}
