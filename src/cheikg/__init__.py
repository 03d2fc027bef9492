"""cheikg: the knowledge graph of Chinese higher-education internationalization."""

__version__ = "0.1.0"
