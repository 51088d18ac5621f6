"""Import: raw wire copy becomes front-matter Markdown with actors and tags."""
