// Least privilege, kept true: the actions src/cloud/permissions.ts names per use are exactly the actions the code
// calls (read from the clients' sources and the operation and quota tables, so a new call that no use documents
// fails here), and each README policy document (`<!-- ram-policy: <use> -->` before a fenced json block) grants
// exactly its use's actions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLOUD_OPERATIONS } from '../../../src/cloud/operations';
import { ACTION_QPS } from '../../../src/cloud/quotas';
import { ACTIONS_WITHOUT_PERMISSION, PERMISSION_USES, allPermissionActions, type PermissionUse } from '../../../src/cloud/permissions';

const root = path.resolve(__dirname, '..', '..', '..');
/** Each client's file and the service code RAM names its actions with (MPS is `mts`). */
const CLIENTS: Readonly<Record<string, string>> = { 'mps.ts': 'mts', 'vod.ts': 'vod', 'ram.ts': 'ram', 'sts.ts': 'sts', 'actionTrail.ts': 'actiontrail' };
const PRODUCT_SERVICE: Readonly<Record<string, string>> = { mps: 'mts', vod: 'vod', ram: 'ram', sts: 'sts', actiontrail: 'actiontrail' };

/** `service:Action` for every action a client sends: the `action:` literals in its source, and the write table. */
function actionsTheCodeCalls(): string[] {
  const found = new Set<string>();
  for (const [file, service] of Object.entries(CLIENTS)) {
    const text = fs.readFileSync(path.join(root, 'src', 'cloud', file), 'utf8');
    for (const m of text.matchAll(/\baction:\s*((?:'[A-Za-z]+'\s*\|?\s*)+)/g)) {
      for (const name of m[1].matchAll(/'([A-Za-z]+)'/g)) found.add(`${service}:${name[1]}`);
    }
  }
  for (const [action, op] of Object.entries(CLOUD_OPERATIONS)) found.add(`${PRODUCT_SERVICE[op.product]}:${action}`);
  return [...found].sort();
}

function readmePolicies(): Map<string, unknown[]> {
  const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const blocks = new Map<string, unknown[]>();
  for (const m of text.matchAll(/<!-- ram-policy: ([A-Za-z]+) -->\s*```json\n([\s\S]*?)```/g)) {
    blocks.set(m[1], [...(blocks.get(m[1]) ?? []), JSON.parse(m[2])]);
  }
  return blocks;
}

describe('least privilege', () => {
  it('names exactly the actions the code calls, each under its service', () => {
    const called = actionsTheCodeCalls();
    // The source scan must see every action the client tables know, or it would miss new ones.
    for (const action of Object.keys(ACTION_QPS)) assert.ok(called.some((a) => a.endsWith(`:${action}`)), `the scan missed ${action}`);
    assert.deepEqual(allPermissionActions(), called);
  });

  it('lists each use sorted and once, and never grants what needs no permission', () => {
    for (const [use, info] of Object.entries(PERMISSION_USES)) {
      assert.deepEqual([...info.actions], [...new Set(info.actions)].sort(), use);
      for (const free of ACTIONS_WITHOUT_PERMISSION) assert.ok(!info.actions.includes(free), `${use} grants ${free}`);
    }
  });

  it('has one README policy document per use, granting exactly its actions', () => {
    const blocks = readmePolicies();
    assert.deepEqual([...blocks.keys()].sort(), Object.keys(PERMISSION_USES).sort());
    for (const [use, docs] of blocks) {
      assert.equal(docs.length, 1, `${use} has ${docs.length} documents`);
      const doc = docs[0] as { Version: string; Statement: { Effect: string; Action: string[]; Resource: string }[] };
      assert.equal(doc.Version, '1', use);
      assert.equal(doc.Statement.length, 1, use);
      assert.equal(doc.Statement[0].Effect, 'Allow', use);
      assert.equal(doc.Statement[0].Resource, '*', use);
      assert.deepEqual(doc.Statement[0].Action, PERMISSION_USES[use as PermissionUse].actions, use);
    }
  });
});
