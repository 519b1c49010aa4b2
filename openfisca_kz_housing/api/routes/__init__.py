"""Route modules: each module with a Flask ``blueprint`` is registered by ``create_app`` (sorted by name)."""
