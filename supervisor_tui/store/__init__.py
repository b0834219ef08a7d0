"""Storage: the only package that imports TinyDB. Repositories return domain objects."""
