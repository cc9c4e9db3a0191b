"""The ACSG portal: records, validation and rendering."""
