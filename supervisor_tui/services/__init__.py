"""The application layer: every use case once, typed, called by the screens and the CLI alike.

A use case is a function of a `Workspace` (the open data folder, its records and the clock).
The command line calls it directly; the app runs it on the single writer through
`Service.run`, so the UI thread never waits on disk and every save happens in order.
"""
