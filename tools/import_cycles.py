"""Import circles among ideo_cli's modules (strongly connected components of the import graph,
function-local imports included), as the closing notes quote them.

    python tools/import_cycles.py
"""
from __future__ import annotations

import sys

import grimp


def components(graph, modules):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if w not in modules:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.remove(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for m in sorted(modules):
        if m not in index:
            visit(m)
    return out


if __name__ == "__main__":
    graph = grimp.build_graph("ideo_cli")
    modules = {m for m in graph.modules if m.startswith("ideo_cli")}
    found = components(graph, modules)
    print(f"modules: {len(modules)}; import circles: {len(found)}; largest: {max((len(c) for c in found), default=0)} modules")
    for c in sorted(found, key=len, reverse=True):
        print(f"  {len(c)}: " + ", ".join(c))
