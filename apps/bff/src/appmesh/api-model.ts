// Reads the HTTP bindings out of the App Mesh API model JSON (the botocore/smithy "api-2" format).

export interface ApiModelJson {
  operations: Record<
    string,
    { http: { method: string; requestUri: string; responseCode?: number }; input?: { shape: string }; output?: { shape: string } }
  >;
  shapes: Record<
    string,
    {
      type: string;
      members?: Record<string, { shape: string; location?: string; locationName?: string }>;
      required?: string[];
      payload?: string;
      min?: number;
      max?: number;
    }
  >;
}

export type MemberLocation = 'uri' | 'querystring' | 'body';

export interface MemberBinding {
  location: MemberLocation;
  /** The wire name (URI label or query key); the member name for body members. */
  wireName: string;
  /** The API model's type of the member's shape: string, integer, structure, list, ... */
  type: string;
}

export interface OperationBinding {
  method: string;
  /** The model's requestUri, e.g. /v20190125/meshes/{meshName}/virtualNodes. */
  requestUri: string;
  input: Record<string, MemberBinding>;
  required: readonly string[];
  /** The output member that is the whole response body, when the model names one. */
  payload?: string;
}

export function operationsFromApiModel(api: ApiModelJson): Record<string, OperationBinding> {
  const out: Record<string, OperationBinding> = {};
  for (const name of Object.keys(api.operations).sort()) {
    const op = api.operations[name];
    if (!op) continue;
    const inputShape = op.input ? api.shapes[op.input.shape] : undefined;
    const outputShape = op.output ? api.shapes[op.output.shape] : undefined;
    const input: Record<string, MemberBinding> = {};
    for (const [member, ref] of Object.entries(inputShape?.members ?? {})) {
      const location: MemberLocation = ref.location === 'uri' || ref.location === 'querystring' ? ref.location : 'body';
      input[member] = { location, wireName: ref.locationName ?? member, type: api.shapes[ref.shape]?.type ?? 'string' };
    }
    out[name] = {
      method: op.http.method,
      requestUri: op.http.requestUri,
      input,
      required: inputShape?.required ?? [],
      ...(outputShape?.payload ? { payload: outputShape.payload } : {}),
    };
  }
  return out;
}

/** /v20190125/meshes/{meshName} -> /v20190125/meshes/:meshName (Express 5 path syntax). */
export function expressPath(requestUri: string): string {
  return requestUri.replace(/\{(\w+)\+?\}/g, ':$1');
}
