// Creates the Resources view. Kept apart from the data provider so tests can drive the provider directly.

import * as vscode from 'vscode';
import type { AnyResourceNode } from './nodes';
import { RESOURCES_VIEW_ID, type ResourcesTree } from './resourcesTree';

export function registerResourcesView(context: vscode.ExtensionContext, tree: ResourcesTree): vscode.TreeView<AnyResourceNode> {
  const view = vscode.window.createTreeView(RESOURCES_VIEW_ID, {
    treeDataProvider: tree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  context.subscriptions.push(view, tree);
  return view;
}
