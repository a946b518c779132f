"""The Textual app: list pane, reading pane, help screen. Imports Textual; the model never does."""
