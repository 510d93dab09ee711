"""The calendar: Danish public and school holidays, published ferieplans, the meeting rhythm and the times inside a meeting."""
