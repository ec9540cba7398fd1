"""Model-free helpers shared by every app: the lowest layer, importing nothing of the project."""
