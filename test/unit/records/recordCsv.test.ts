import { strict as assert } from 'node:assert';
import { CSV_COLUMNS, csvCell, recordsToCsv } from '../../../src/records/recordCsv';
import { detachRecord, record } from '../history/fixtures';
import { parseCsv } from '../../support/csv';

describe('recordsToCsv', () => {
  it('writes a BOM, a header row and one row per record, every row as wide as the header', () => {
    const text = recordsToCsv([record(), detachRecord()]);
    assert.ok(text.startsWith('\uFEFFTime,Profile,'));
    const rows = parseCsv(text.slice(1));
    assert.equal(rows.length, 3);
    for (const row of rows) assert.equal(row.length, CSV_COLUMNS.length);
  });

  it('keeps the fields an audit needs, the RequestId whole', () => {
    const r = record({ requestId: '4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3', account: '1234567890123456' });
    const [header, row] = parseCsv(recordsToCsv([r]).slice(1));
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    assert.equal(cell('RequestId'), '4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3');
    assert.equal(cell('Action'), 'UnbindOutputBucket');
    assert.equal(cell('Product'), 'MPS');
    assert.equal(cell('Account'), '1234567890123456');
    assert.equal(cell('AccessKeyId'), 'LTAI****abcd');
    assert.equal(cell('Params'), 'Bucket=media-out');
    assert.equal(cell('LatencyMs'), '120');
  });

  it('round-trips commas, quotes and newlines through quoting', () => {
    const message = 'The bucket "a,b" is\nnot bound,\r\nsee logs';
    const r = record({ outcome: 'failed', error: { kind: 'server', code: 'Bucket.NotBind', message } });
    const [header, row] = parseCsv(recordsToCsv([r]).slice(1));
    assert.equal(row?.[header?.indexOf('ErrorMessage') ?? -1], message);
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    const r = detachRecord({ target: '=HYPERLINK("https://evil.io","x")', params: { IdentityName: '@SUM(1)' }, profile: '+cmd', region: '-1+1' });
    const [header, row] = parseCsv(recordsToCsv([r]).slice(1));
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    assert.equal(cell('Target'), `'=HYPERLINK("https://evil.io","x")`);
    assert.equal(cell('Profile'), "'+cmd");
    assert.equal(cell('Region'), "'-1+1");
    // Only a cell's first character matters: a name inside the Params cell is not at its start.
    assert.equal(cell('Params'), 'IdentityName=@SUM(1)');
  });
});

describe('csvCell', () => {
  it('leaves plain text alone and empties undefined', () => {
    assert.equal(csvCell('media-out'), 'media-out');
    assert.equal(csvCell(42), '42');
    assert.equal(csvCell(undefined), '');
  });

  it('quotes and doubles quotes; prefixes formula starts, tab and CR included', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    for (const start of ['=', '+', '-', '@']) assert.equal(csvCell(`${start}1`), `'${start}1`);
    assert.equal(csvCell('\t1'), `"'\t1"`);
    assert.equal(csvCell('\r1'), `"'\r1"`);
    assert.equal(csvCell('=a,b'), `"'=a,b"`);
  });

  it('quotes a cell holding any separator an importer may be set to, so it stays one cell', () => {
    for (const separator of [';', '\t', '|']) assert.equal(csvCell(`a${separator}b`), `"a${separator}b"`);
  });

  it('defuses a formula after any separator a spreadsheet may split on, past spaces it may trim', () => {
    assert.equal(csvCell("Denied;=cmd|' /C calc'!A0"), `"Denied;'=cmd|' /C calc'!A0"`);
    for (const separator of [',', ';', '\t', '|', '\r', '\n', '\r\n']) {
      for (const trigger of ['=', '+', '-', '@']) {
        const text = `Denied${separator}${trigger}cmd`;
        assert.equal(parseCsv(`${csvCell(text)}\r\n`)[0]?.[0], `Denied${separator}'${trigger}cmd`, JSON.stringify(text));
      }
    }
    assert.equal(csvCell('a; \t=1'), `"a; \t'=1"`, 'spaces and tabs after the separator');
    assert.equal(csvCell(' =1'), " '=1", 'spaces before a formula at the start');
    assert.equal(csvCell('a,b;=1|+2'), `"a,b;'=1|'+2"`, 'every would-be cell');
  });

  it('leaves no piece that starts a formula, however the written cell is split', () => {
    const hostile = ["Denied;=cmd|' /C calc'!A0", 'x|@SUM(1)', 'ok\t-1+1', 'line\r\n+1', 'a , =1', 'a\n\n=1', '=1;=2', '\t=1'];
    for (const text of hostile) {
      const cell = parseCsv(`${csvCell(text)}\r\n`)[0]?.[0] ?? '';
      for (const piece of cell.split(/[,;\t|\r\n]/)) {
        assert.doesNotMatch(piece.trimStart(), /^[=+\-@]/, `${JSON.stringify(text)} → piece ${JSON.stringify(piece)}`);
      }
    }
  });

  it('leaves separators that no formula follows alone', () => {
    assert.equal(csvCell('Bucket=media-out; PolicyNames=VODAppFullAccess'), '"Bucket=media-out; PolicyNames=VODAppFullAccess"');
    assert.equal(csvCell('cn-shanghai'), 'cn-shanghai');
    assert.equal(csvCell('a - b'), 'a - b');
  });
});
