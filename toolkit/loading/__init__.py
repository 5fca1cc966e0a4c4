"""Reading articles: files, tables and encodings, cleaning with a log, language, the sample corpus."""
