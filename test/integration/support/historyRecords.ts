// The request history as a test reads it: through the export command the inspector uses, so what is checked is
// what the extension stored (sanitized), not what a test handed it.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface ExportedRecord {
  id: string;
  time: string;
  action: string;
  target: string;
  outcome: string;
  requestId?: string;
  params: Record<string, string>;
  before?: Record<string, string>;
  nonExistPolicyNames?: string[];
  failedPolicyNames?: string[];
  error?: { code: string; httpStatus?: number };
  undoneBy?: { requestId: string; time: string };
}

/** The whole history (or the given ids), read back through the export command the inspector uses. */
export async function exportRecords(recordIds?: string[]): Promise<{ text: string; records: ExportedRecord[] }> {
  const target = vscode.Uri.file(path.join(os.tmpdir(), `history-it-${process.pid}-${Date.now()}.json`));
  const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('alicloudMedia.exportRequestHistory', { target, recordIds });
  assert.equal(written?.fsPath, target.fsPath);
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  await vscode.workspace.fs.delete(target);
  return { text, records: (JSON.parse(text) as { records: ExportedRecord[] }).records };
}

/** Records are added when the call's observer fires, just before the command resolves: wait for the write. */
export async function latestRecord(predicate: (r: ExportedRecord) => boolean): Promise<ExportedRecord> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = (await exportRecords()).records.find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('no matching record in the history');
    await new Promise((r) => setTimeout(r, 50));
  }
}
