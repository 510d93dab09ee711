"""The year wheel (årshjul): figure, label layout, print export and read-only shared links."""
