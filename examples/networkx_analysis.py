"""Full networkx power one step away: centrality of datasets in the dataset co-usage network.

    python examples/networkx_analysis.py
"""
import networkx as nx

from builders import build
from graph import query

kg = build()
G = kg.to_networkx()  # a plain networkx MultiDiGraph: papers and entities, edges keyed by relation

# Project papers away: two datasets are linked when papers use or evaluate on both.
datasets = nx.Graph()
for pair in query.co_usage(kg, kind="dataset", min_papers=1, top=None):
    datasets.add_edge(pair.first.name, pair.second.name, weight=pair.papers)

print(f"dataset co-usage network: {datasets.number_of_nodes()} datasets, {datasets.number_of_edges()} links")
centrality = nx.degree_centrality(datasets)
for name, score in sorted(centrality.items(), key=lambda kv: (-kv[1], kv[0]))[:8]:
    print(f"  {score:.3f}  {name}")

components = sorted(nx.connected_components(datasets), key=len, reverse=True)
print(f"largest group of datasets used together: {len(components[0])}")
