"""The one base class of every error that is the user's or the data's, not a bug.

Each carries one Danish line that names what is wrong (a file and position, a point, a role),
so the command line prints it as `planner: <line>` with exit code 2 and the app shows it as is.
Anything else that escapes is a bug ("intern fejl").
"""

from __future__ import annotations


class PlannerError(Exception):
    """A refusal or an unreadable input; `str(error)` is the Danish one-line message."""

    def one_line(self) -> str:
        """The message on one line, whatever the text it quotes contains."""
        return " ".join(str(self).splitlines())
