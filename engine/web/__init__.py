"""The browser player's Python side: build (static site), serve (local server), glue (runs in Pyodide)."""
