// The bench runs the extension's bulk path in plain Node (bench/extensionPath.ts). A few modules on that path
// import `vscode` for UI helpers (pickers, prompts) that the bench never calls; the npm script aliases `vscode`
// to this module so they load. Touching any of its API here is a bench bug, and says so.
module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (name === '__esModule' || typeof name === 'symbol') return undefined;
      throw new Error(`the bench has no VS Code: vscode.${String(name)} was used on the bulk path`);
    },
  },
);
