// Rows with a call in flight ("unbinding…"), counted so that two overlapping calls on one row (a bulk run and an
// undo) do not clear each other's mark. No VS Code import.

export class BusyRows {
  private readonly rows = new Map<string, { label: string; count: number }>();

  label(rowId: string): string | undefined {
    return this.rows.get(rowId)?.label;
  }

  mark(rowId: string, label: string): void {
    const current = this.rows.get(rowId);
    this.rows.set(rowId, { label, count: (current?.count ?? 0) + 1 });
  }

  unmark(rowId: string): void {
    const current = this.rows.get(rowId);
    if (!current) return;
    if (current.count <= 1) this.rows.delete(rowId);
    else this.rows.set(rowId, { ...current, count: current.count - 1 });
  }
}
