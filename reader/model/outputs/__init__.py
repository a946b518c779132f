"""Outputs: citation styles, exports, JSON records, the timeline, text made safe to display."""
