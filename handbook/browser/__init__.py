"""Files the browser reads: every activity as CSV, JSON and the catalogue's data, the catalogue's
views, and the plan contract for the plan form."""
