"""Server mode: the production-like stack of `socle up`, its deployments and its settings."""
