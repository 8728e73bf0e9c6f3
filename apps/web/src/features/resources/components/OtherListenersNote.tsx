import type { VirtualNodeSpec } from '@meshwright/model';

type Listener = NonNullable<VirtualNodeSpec['listeners']>[number];

const describe = (l: Listener) => `${l.portMapping.port} ${l.portMapping.protocol}`;

/**
 * The node form edits one listener, as the wizard does; a node made through the API can have more.
 * Saying which ones the form leaves alone (Save keeps them) stops a user thinking they were dropped.
 */
export function OtherListenersNote({ listeners }: { listeners: VirtualNodeSpec['listeners'] }) {
  const [first, ...others] = listeners ?? [];
  if (!first || others.length === 0) return null;
  return (
    <div className="note" role="note" aria-label="Listeners not edited here">
      <p>
        The listener fields below edit the first listener ({describe(first)}). This node has {others.length === 1 ? 'another listener' : `${others.length} more listeners`},
        not edited here; Save keeps {others.length === 1 ? 'it' : 'them'} as {others.length === 1 ? 'it is' : 'they are'}:
      </p>
      <ul>
        {others.map((l, i) => (
          <li key={i}>Listener {i + 2}: {describe(l)}</li>
        ))}
      </ul>
    </div>
  );
}
