"""Models of the wall segment kind (filled in by its own issue)."""
