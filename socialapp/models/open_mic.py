"""Models of the open_mic segment kind (filled in by its own issue)."""
