"""Small programs the figures run in their own process on a pseudo-terminal.

Each builds an app the way the app itself is built (ours through `create_app`), drives it with an
auto-pilot and writes a JSON report; nothing in the app knows it is being measured. The bare
drivers import only Textual, so they show what Textual alone costs.
"""
