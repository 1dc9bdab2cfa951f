"""Models of the icebreaker segment kind (filled in by its own issue)."""
