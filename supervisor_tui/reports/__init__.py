"""Records and exports built from domain objects: Markdown, JSON, ICS, audit figures."""
