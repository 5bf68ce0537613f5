"""What a build writes besides pages: PDFs, the site search index, the offline copy, files written
whole, and one source per published address."""
