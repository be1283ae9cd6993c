// Every Resources row of one profile (the profile row, its groups and their rows), read through the exported
// provider as VS Code reads it, for commands run the way a menu runs them: with the row itself.
import { treeRows, type ExtensionApi, type TreeRow } from './harness';

export async function profileRows(api: ExtensionApi, profile: string): Promise<TreeRow[]> {
  const top = (await treeRows(api)).find((r) => /^profile(\.storesKey)?$/.test(r.contextValue) && r.label === profile);
  if (!top) throw new Error(`no profile row ${profile}`);
  const rows: TreeRow[] = [top];
  for (const group of await treeRows(api, top.element)) {
    rows.push(group, ...(await treeRows(api, group.element)));
  }
  return rows;
}

export function rowOf(rows: TreeRow[], contextValue: RegExp, label: RegExp | string): TreeRow {
  const row = rows.find((r) => contextValue.test(r.contextValue) && (typeof label === 'string' ? r.label === label : label.test(r.label)));
  if (!row) throw new Error(`no row ${String(label)} (${String(contextValue)}) among ${rows.map((r) => `${r.label} [${r.contextValue}]`).join(', ')}`);
  return row;
}
