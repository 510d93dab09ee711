"""Who may do what: roles, the one permission check, and where a user's role comes from.

Four roles, each with the rights of the one before it:

- `læser`: reads the plan; closed points appear only as "Lukket punkt";
- `redaktør`: moves, edits, adds, deletes, resolves, undoes, registers absences;
- `sekretariat`: also imports documents, manages feed tokens, holidays, and may record a
  change in someone else's name (`planner --as NAME`);
- `administrator`: also backup and restore.

`authorize()` is the only place a permission is decided; every command in
`planner.commands` calls it. A plain string actor (the library's old callers, the tests,
`make run` in single-user mode) is the local operator of a single-user installation and
may do everything: whoever can run Python against the database file can open it anyway.

Roles come from the identity provider's claims (Entra ID groups or app roles) mapped in a
small TOML file, or from that file's list of users (see `RoleConfig`).
"""

from __future__ import annotations

import getpass
import ipaddress
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import PlannerError

ROLES = ("læser", "redaktør", "sekretariat", "administrator")

# The lowest role that has each permission.
PERMISSIONS = {
    "read": "læser",
    "see_closed": "redaktør",
    "edit": "redaktør",
    "import": "sekretariat",
    "feeds": "sekretariat",
    "holidays": "sekretariat",
    "act_as": "sekretariat",
    "backup": "administrator",
    "restore": "administrator",
}

# What a permission lets you do, for the refusal message.
_DOING = {
    "read": "se planen",
    "see_closed": "se lukkede punkter",
    "edit": "ændre planen",
    "import": "importere dokumenter",
    "feeds": "styre kalender-feeds",
    "holidays": "ændre ferier og lukkedage",
    "act_as": "registrere ændringer i en andens navn",
    "backup": "tage sikkerhedskopier",
    "restore": "gendanne databasen",
}


class PermissionDenied(PlannerError, ValueError):
    """The user's role does not allow the command; the message is Danish and names the role needed."""


@dataclass(frozen=True)
class User:
    """An authenticated person (or the local operator) and their role.

    `ident` is the provider's e-mail or subject, or "os:<user>" for the command line; the
    history records `label` so every change says who made it.
    """

    name: str
    ident: str
    role: str
    via: str = ""  # who typed it in, when someone records a change in another's name (--as)

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"ukendt rolle {self.role!r}; mulige: {', '.join(ROLES)}")

    def may(self, permission: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(PERMISSIONS[permission])

    @property
    def label(self) -> str:
        """ "Anne Jensen <anne@norddjurs.dk>", as the history shows it."""
        who = self.name if not self.ident or self.ident == self.name else f"{self.name} <{self.ident}>"
        return f"{who} (registreret af {self.via})" if self.via else who


def authorize(actor: User | str, permission: str) -> str:
    """The one permission check: the actor's history label, or PermissionDenied."""
    if permission not in PERMISSIONS:
        raise KeyError(permission)
    if isinstance(actor, str):
        return actor  # the local operator of a single-user installation (see the module docstring)
    if not actor.may(permission):
        needed = PERMISSIONS[permission]
        raise PermissionDenied(
            f"{actor.name} har rollen «{actor.role}» og må ikke {_DOING[permission]}; "
            f"det kræver rollen «{needed}» eller højere"
        )
    return actor.label


def may(actor: User | str, permission: str) -> bool:
    """For hiding controls; the commands still check (`authorize`)."""
    return isinstance(actor, str) or actor.may(permission)


# --- where roles come from ---------------------------------------------------------------------


@dataclass(frozen=True)
class RoleConfig:
    """The roles file (TOML), e.g.::

    claim = "groups"            # the ID-token claim that holds groups or app roles
    default = "læser"           # a logged-in user nobody listed ("" = no access)
    cli = "administrator"       # an OS user on the server nobody listed

    [groups]                    # claim value -> role (Entra ID: group object ids or app roles)
    "b3c1...-e9" = "redaktør"

    [users]                     # e-mail, subject or OS user name -> role (wins over groups)
    "anne@norddjurs.dk" = "sekretariat"
    """

    claim: str = "groups"
    default: str | None = "læser"
    cli: str = "administrator"
    groups: Mapping[str, str] = field(default_factory=dict)
    users: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | str) -> RoleConfig:
        """The roles file (`Settings.roles`: $PLANNER_ROLES or data/roles.toml); the defaults when there is none."""
        path = Path(path)
        if not path.is_file():
            return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: rollefilen kan ikke læses ({exc})") from None
        return cls.from_mapping(data, str(path))

    @classmethod
    def from_mapping(cls, data: Mapping, where: str = "rollefilen") -> RoleConfig:
        def role(value: object, key: str) -> str:
            if value not in ROLES:
                raise ValueError(f"{where}: {key} = {value!r} er ikke en rolle; mulige: {', '.join(ROLES)}")
            return str(value)

        default = data.get("default", "læser")
        return cls(
            claim=str(data.get("claim", "groups")),
            default=role(default, "default") if default else None,
            cli=role(data.get("cli", "administrator"), "cli"),
            groups={str(k): role(v, f"groups.{k}") for k, v in dict(data.get("groups", {})).items()},
            users={str(k).lower(): role(v, f"users.{k}") for k, v in dict(data.get("users", {})).items()},
        )

    def role_for_claims(self, claims: Mapping[str, object]) -> str | None:
        """The highest role the claims give, the user list first; None: no access."""
        for key in ("email", "preferred_username", "sub"):
            value = claims.get(key)
            if isinstance(value, str) and value.lower() in self.users:
                return self.users[value.lower()]
        found = claims.get(self.claim)
        values = [found] if isinstance(found, str) else list(found) if isinstance(found, Iterable) else []
        roles = [self.groups[str(v)] for v in values if str(v) in self.groups]
        # The role names themselves also work as claim values (Entra ID app roles named so).
        roles += [str(v) for v in values if v in ROLES]
        return max(roles, key=ROLES.index) if roles else self.default

    def user_from_claims(self, claims: Mapping[str, object]) -> User | None:
        role = self.role_for_claims(claims)
        if role is None:
            return None
        ident = next((str(claims[k]) for k in ("email", "preferred_username", "sub") if claims.get(k)), "")
        name = str(claims.get("name") or ident or "ukendt")
        return User(name, ident, role)

    def cli_user(self, as_name: str | None = None, os_user: str | None = None) -> User:
        """The command line's user: the OS user, or `--as NAME` when that user's role allows it."""
        os_user = os_user or _os_user()
        me = User(os_user, f"os:{os_user}", self.users.get(os_user.lower(), self.cli))
        if not as_name or not as_name.strip():
            return me
        authorize(me, "act_as")
        return User(as_name.strip(), "", me.role, via=f"OS-bruger {os_user}")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container): the uid still says who
        return f"uid {os.getuid()}"


# --- login configuration and addresses ---------------------------------------------------------


def login_configured_in(auth: Mapping | None) -> bool:
    """Whether an `[auth]` section of secrets.toml sets up an OpenID Connect provider for st.login."""
    if not isinstance(auth, Mapping) or not auth.get("redirect_uri") or not auth.get("cookie_secret"):
        return False
    sections = [auth, *(v for v in auth.values() if isinstance(v, Mapping))]
    return any(s.get("client_id") and s.get("server_metadata_url") for s in sections)


def login_configured(files: Iterable[Path]) -> bool:
    """Outside the app (the launcher, `planner serve`): is login set up in one of the secrets.toml
    files (`Settings.secrets_files`)?"""
    for path in files:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        if login_configured_in(data.get("auth")):
            return True
    return False


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def refuse_open_address(host: str, what: str, login: bool) -> str | None:
    """A Danish refusal when `what` would listen on a network address without login; else None."""
    if is_loopback(host) or login:
        return None
    return (
        f"{what} vil ikke lytte på {host or 'alle adresser'}: der er ikke sat login op, så enhver på "
        f"netværket kunne læse og ændre planen. Brug 127.0.0.1, eller sæt login op i "
        f".streamlit/secrets.toml (se README: Login og roller)"
    )
