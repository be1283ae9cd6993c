// Loads every command module (src/commands/index.ts) under the vscode stand-in: none may touch VS Code by loading.
import '../support/vscode';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_MANIFEST, COMMANDS, commandsOf } from '../../src/commandIds';
import { COMMAND_IMPLEMENTATIONS } from '../../src/commands';

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

describe('the command manifest', () => {
  it('gives every command exactly one loader, and each id is the name in the extension namespace', () => {
    const names = Object.keys(COMMAND_MANIFEST);
    assert.deepEqual([...commandsOf('commands'), ...commandsOf('history')].sort(), [...names].sort());
    for (const name of names) assert.equal(COMMANDS[name as keyof typeof COMMANDS], `alicloudMedia.${name}`);
  });

  it('the lazily loaded table implements exactly the commands of its loader (what registration asks it for)', () => {
    assert.deepEqual(Object.keys(COMMAND_IMPLEMENTATIONS).sort(), commandsOf('commands').sort());
  });
});
