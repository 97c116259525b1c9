/**
 * Pre-order walk of a tree without recursion (trees from a host can be 100,000 levels deep).
 * `visit` returns false to skip a node's children. Children are visited in their order.
 */
export function eachNode<T extends { children: readonly T[] }>(root: T, visit: (node: T, parent: T | null, depth: number) => boolean | void): void {
  const stack: [T, T | null, number][] = [[root, null, 0]];
  while (stack.length > 0) {
    const [node, parent, depth] = stack.pop()!;
    if (visit(node, parent, depth) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], node, depth + 1]);
  }
}
