"""The typed link graph for authors and tools: JSON, or Graphviz DOT."""

from __future__ import annotations

import json
from typing import Any

from .graph import SiteGraph


def graph_data(graph: SiteGraph) -> dict[str, Any]:
    """Nodes (slug, kind, title, url) and edges (source, target, relation), sorted."""
    nodes = [{"id": slug, "kind": p.document.kind.singular, "title": p.document.title,
              "url": p.document.url} for slug, p in sorted(graph.pages.items())]
    edges = {(source, target, rel) for source, rels in graph.relations.items()
             for rel, targets in rels.items() for target in targets}
    edges |= {(source, target, "links") for target, sources in graph.backlinks.items()
              for source in sources}
    return {"nodes": nodes, "edges": [{"source": s, "target": t, "relation": r}
                                      for s, t, r in sorted(edges)]}


def to_json(graph: SiteGraph) -> str:
    """The graph as indented JSON."""
    return json.dumps(graph_data(graph), indent=2, ensure_ascii=False) + "\n"


def to_dot(graph: SiteGraph) -> str:
    """The graph in Graphviz DOT, one node shape per kind."""
    shapes = {"anatomy": "ellipse", "cause": "diamond", "stretch": "box", "routine": "folder",
              "page": "note"}
    data = graph_data(graph)
    lines = ["digraph psoasguide {", "  rankdir=LR;"]
    for node in data["nodes"]:
        lines.append(f"  {json.dumps(node['id'])} [label={json.dumps(node['title'])}, "
                     f"shape={shapes[node['kind']]}];")
    for edge in data["edges"]:
        lines.append(f"  {json.dumps(edge['source'])} -> {json.dumps(edge['target'])} "
                     f"[label={json.dumps(edge['relation'])}];")
    return "\n".join([*lines, "}"]) + "\n"
