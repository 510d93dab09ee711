"""argparse in Danish: usage, help and the errors a mistyped command line gets.

argparse writes its own texts in English ("usage:", "error: the following arguments are required"). Python
ships no Danish catalogue for it, and installing one would change gettext for the whole process, so the
parser here says its fixed texts itself and turns argparse's error messages into Danish by their English
templates (Python 3.11's wording; a message none of them matches is shown as it is, never dropped).
"""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

USAGE_PREFIX = "brug: "
HELP_TEXT = "vis denne hjælp og afslut"

# (argparse's English template as a pattern, the Danish text): the first that matches the whole message wins.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), danish)
    for pattern, danish in (
        (r"argument (?P<name>.+?): (?P<rest>.*)", "argumentet {name}: {rest}"),
        (r"the following arguments are required: (?P<names>.*)", "skal angives: {names}"),
        (r"unrecognized arguments: (?P<args>.*)", "ukendte argumenter: {args}"),
        (r"one of the arguments (?P<names>.*) is required", "et af argumenterne {names} skal angives"),
        (
            r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
            "ugyldigt valg: {value} (vælg mellem {choices})",
        ),
        (r"invalid int value: (?P<value>.*)", "{value} er ikke et helt tal"),
        (r"invalid float value: (?P<value>.*)", "{value} er ikke et tal"),
        (r"invalid (?P<type>\S+) value: (?P<value>.*)", "ugyldig værdi: {value}"),
        (r"expected one argument", "skal have én værdi"),
        (r"expected at most one argument", "må højst have én værdi"),
        (r"expected at least one argument", "skal have mindst én værdi"),
        (r"expected (?P<count>\d+) arguments?", "skal have {count} værdier"),
        (r"not allowed with argument (?P<name>.*)", "kan ikke bruges sammen med {name}"),
        (r"ignored explicit argument (?P<value>.*)", "tager ingen værdi: {value}"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "{option} kan betyde {matches}"),
    )
)


def danish_error(message: str) -> str:
    """argparse's error message in Danish ("argument X: invalid int value: 'x'" → "argumentet X: 'x' er …")."""
    for pattern, danish in _ERRORS:
        found = pattern.fullmatch(message)
        if found:
            parts = {
                key: danish_error(value) if key == "rest" else value
                for key, value in found.groupdict().items()
            }
            return danish.format(**parts)
    return message


class DanishHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)


class DanishArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are Danish; its sub-command parsers are too."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:
        kwargs.setdefault("formatter_class", DanishHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "tilvalg"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP_TEXT)

    def error(self, message: str) -> NoReturn:
        # One line, as every other error of the command line: what is wrong, and where the help is.
        self.exit(2, f"planner: {danish_error(message)} (se '{self.prog} -h')\n")
