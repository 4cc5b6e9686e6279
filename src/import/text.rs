//! Drafting a convention from the text of a PDF (`pdftotext -layout`).
