/**
 * Pre-order walk of a tree without recursion (trees from a host can be 100,000 levels deep).
 * `visit` returns false to skip a node's children. Children are visited in their order.
 */
export function eachNode<T extends { children: readonly T[] }>(root: T, visit: (node: T, parent: T | null, depth: number) => boolean | void): void {
  // parallel stacks, not a tuple per node: views walk a 3,000-cgroup tree several times per tick
  const nodes: T[] = [root];
  const parents: (T | null)[] = [null];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop()!;
    const depth = depths.pop()!;
    if (visit(node, parent, depth) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) {
      nodes.push(node.children[i]);
      parents.push(node);
      depths.push(depth + 1);
    }
  }
}
