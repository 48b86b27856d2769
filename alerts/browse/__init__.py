"""Browse: Datasette on the database (serve), the contacts chart, metadata, plugin, templates."""
