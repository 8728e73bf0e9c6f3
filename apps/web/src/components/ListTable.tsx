import type { ReactNode } from 'react';

/**
 * A list's rows as a table under column headers, its caption for screen readers only (the card's
 * heading says it to everyone); nothing while there are no rows, where ListStates speaks instead.
 */
export function ListTable<T>({ caption, columns, rows, row }: { caption: string; columns: readonly ReactNode[]; rows: readonly T[] | undefined; row: (item: T) => ReactNode }) {
  if (!rows || rows.length === 0) return null;
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th scope="col" key={i}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{rows.map(row)}</tbody>
    </table>
  );
}
