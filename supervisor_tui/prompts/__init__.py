"""The bundled reflective prompt library and its loader."""
