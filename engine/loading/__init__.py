"""The loader's parts, one per construct of the format (as ink splits its parser into
InkParser_Choices.cs, InkParser_Knot.cs, ...). engine/loader.py walks a file and calls them;
each takes the builder `b` (engine/loading/reader.py), which reads values with positions and
collects what the whole-file checks need."""
