// Same row id → same node object while the row's profile is unchanged, so VS Code can refresh single rows and
// menus hand commands the objects the tree knows. No VS Code import.

import type { AnyResourceNode } from './nodes';

export class NodeCache {
  private readonly nodes = new Map<string, AnyResourceNode>();

  /** The cached node with this id if it is the same kind of row of the same profile object, else `node`. */
  intern<T extends AnyResourceNode>(node: T): T {
    const existing = this.nodes.get(node.id);
    if (existing && existing.kind === node.kind && existing.profile === node.profile && !isMessage(node)) return existing as T;
    this.nodes.set(node.id, node);
    return node;
  }

  get(id: string): AnyResourceNode | undefined {
    return this.nodes.get(id);
  }

  clear(): void {
    this.nodes.clear();
  }
}

/** Message rows change text with their error: always the fresh node. */
function isMessage(node: AnyResourceNode): boolean {
  return node.kind === 'message' && node.tone === 'error';
}
