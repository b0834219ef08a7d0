"""supervisor-tui: run and record clinical and social-work supervision from the keyboard."""

__version__ = "0.1.0"
