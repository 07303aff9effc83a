"""Pages: one module per page the site shows, on a small core (site, markdown, parts); pure, the data in and
Markdown out. The build order, with the open data, is generator.render."""
