"""Textual screens and widgets. Widgets talk to the record service, never to storage."""
