"""Browse: Datasette on the database (serve), the contacts chart, metadata, plugin, templates."""

DATABASE_NAME = "shiftwatch"  # the name in URLs and in metadata.yml, whatever the file is called
PLUGIN_NAME = "shiftwatch"  # the plugin's block in metadata.yml (plugins: shiftwatch:)
