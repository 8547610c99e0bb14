def read_key_figures(lines, path, year):
    return None
