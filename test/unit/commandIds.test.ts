import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../src/commandIds';

interface Manifest {
  contributes: { commands: { command: string }[]; menus: Record<string, { command?: string }[]> };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('command ids', () => {
  it('package.json contributes exactly the commands in src/commandIds.ts', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  });

  it('every menu entry names a contributed command', () => {
    const known = new Set<string>(Object.values(COMMANDS));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) {
        if (entry.command) assert.ok(known.has(entry.command), `${menu} names unknown command ${entry.command}`);
      }
    }
  });

  it('no source file spells a command id instead of using COMMANDS', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts') && !file.endsWith('commandIds.ts')) {
          // Comments may show ids in examples; code must not.
          const text = fs
            .readFileSync(file, 'utf8')
            .split('\n')
            .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
            .join('\n');
          for (const id of Object.values(COMMANDS)) if (text.includes(`'${id}'`)) offenders.push(`${path.basename(file)}: ${id}`);
        }
      }
    };
    walk(path.join(__dirname, '..', '..', 'src'));
    assert.deepEqual(offenders, []);
  });
});
