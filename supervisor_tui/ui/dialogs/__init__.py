"""Modal dialogs and forms: each asks for one thing and hands back a domain object (or None)."""
