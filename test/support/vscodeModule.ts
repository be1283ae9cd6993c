// The stand-in of test/support/vscodeApi.ts as a module of its own, for bundles that alias `vscode` to a file (the
// bench: package.json's bench script) rather than hooking `require` as unit tests do (test/support/vscode.ts).
import standIn from './vscodeApi';

module.exports = standIn;
