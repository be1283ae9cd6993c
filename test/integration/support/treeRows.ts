// The Resources view's rows as VS Code reads them, through the provider the extension exports: one helper for
// every integration suite that looks at the tree or runs a command the way a menu runs it (with the row itself).
// Rows fill in as listings answer and change on events, so the lookups wait (support/wait.ts) rather than read once.
import type { ExtensionApi } from './harness';
import { waitFor } from '../../support/wait';

/** A Resources row as the view shows it. */
export interface TreeRow {
  element: unknown;
  label: string;
  description: string;
  contextValue: string;
  tooltip: string;
}

/** The children of `element` (the top level when undefined), as they are now. */
export async function treeRows(api: ExtensionApi, element?: unknown): Promise<TreeRow[]> {
  const children = (await api.resources.getChildren(element)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await api.resources.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
      const description = typeof item.description === 'string' ? item.description : '';
      return { element: child, label, description, contextValue: item.contextValue ?? '', tooltip };
    }),
  );
}

function labelled(label: string | RegExp): (row: TreeRow) => boolean {
  return (row) => (typeof label === 'string' ? row.label === label : label.test(row.label));
}

/** The rows helpers bound to the extension's API, which a suite gets in its before(): hence the getter. */
export interface ResourceRows {
  /** The children of `element` (the top level when undefined), as they are now. */
  rowsOf(element?: unknown): Promise<TreeRow[]>;
  /** The child of `parent` whose label is (or matches) `label`, once there is one. */
  row(parent: unknown, label: string | RegExp): Promise<TreeRow>;
  /** What `read` returns once `ok` holds for it (refreshes after a setting or secret change arrive as events). */
  rowsUntil<R>(read: () => Promise<R[]>, ok: (rows: R[]) => boolean, what: string): Promise<R[]>;
}

export function resourceRows(api: () => ExtensionApi): ResourceRows {
  const rowsOf = (element?: unknown) => treeRows(api(), element);
  return {
    rowsOf,
    row: (parent, label) => waitFor(async () => (await rowsOf(parent)).find(labelled(label)), `a row ${String(label)}`),
    rowsUntil: (read, ok, what) =>
      waitFor(async () => {
        const rows = await read();
        return ok(rows) ? rows : undefined;
      }, what),
  };
}

/** Every row of one profile (the profile row, its groups and their rows). */
export async function profileRows(api: ExtensionApi, profile: string): Promise<TreeRow[]> {
  const top = (await treeRows(api)).find((r) => /^profile(\.storesKey)?$/.test(r.contextValue) && r.label === profile);
  if (!top) throw new Error(`no profile row ${profile}`);
  const rows: TreeRow[] = [top];
  for (const group of await treeRows(api, top.element)) {
    rows.push(group, ...(await treeRows(api, group.element)));
  }
  return rows;
}

/** The row of `rows` with a contextValue matching `contextValue` and the label `label`; throws naming what is there. */
export function rowOf(rows: TreeRow[], contextValue: RegExp, label: RegExp | string): TreeRow {
  const row = rows.find((r) => contextValue.test(r.contextValue) && labelled(label)(r));
  if (!row) throw new Error(`no row ${String(label)} (${String(contextValue)}) among ${rows.map((r) => `${r.label} [${r.contextValue}]`).join(', ')}`);
  return row;
}
