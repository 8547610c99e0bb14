def read_quotes(lines, path, year):
    return ()
