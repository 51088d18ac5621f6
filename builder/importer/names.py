"""The names of the input formats, for the command line: importing the parsers themselves cost
every `archive` command 20-30 ms (an HTML parser among them), and a build needs none of them."""

FORMATS = ("menafn", "text", "html", "jsonl")  # builder.importer.formats.PARSERS, in its order
