"""Pure functions of plain data: no Flask, no database."""
