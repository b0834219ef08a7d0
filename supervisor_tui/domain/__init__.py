"""Domain dataclasses and pure rules. Imports nothing from Textual or TinyDB."""
