"""`make check`'s problems as GitHub Actions shows them: on the plan's line, and in the run's summary.

Under GitHub Actions an editor reads a pull request, not a log: a line of a step's output
that starts with `::error` or `::notice` is a workflow command, which GitHub shows as an
annotation on that file and line (in the pull request's "Files changed" tab and on the run's
page), and Markdown appended to the file `GITHUB_STEP_SUMMARY` names is shown on the run's
page (GitHub's docs: "Workflow commands for GitHub Actions").

A plan's words reach both, and both are read by something that obeys them: the runner reads
commands in the log, and GitHub renders the summary as Markdown. So every value is escaped
here as its reader expects, not as the terminal does (`handbook.plans.problems.printable`
already keeps a plan's words on one line): a plan cannot end an annotation and start another
(`%0A::error::...`), nor put a link, an image or HTML into the summary.

Pure functions of their arguments; `handbook.commands.check` decides when to use them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Literal

from handbook.plans.problems import PlanProblem, printable
from handbook.vocabularies.fields import RESOURCE, field_in_words

Kind = Literal["error", "notice"]
"""What an annotation is: an `error` fails the check, a `notice` (a goal whose audience
reaches no group) is worth a look and does not."""

GUIDE = "CONTRIBUTING.md"
GUIDE_SECTION = "Messages you may see, and what they mean"
"""The heading of the section of CONTRIBUTING.md that explains each of `make check`'s messages
(a test keeps it in step with the file)."""

RESOURCE_GUIDE_SECTION = "Messages about resources"
"""The heading of CONTRIBUTING.md's section on the messages a resource may get, which the
summary links as well where a resource has a problem."""

ANNOTATIONS_PER_STEP = 10
"""GitHub marks at most ten annotations of a kind per step on their lines (actions/toolkit,
docs/problem-matchers.md, "Limitations"); the summary lists every problem, and says so when
there are more."""

LISTED = 200
"""Problems the summary lists at most: a step summary may hold 1 MiB, which thousands of
problems would pass; the log has every one."""

TITLE = "make check"


def escape_data(text: str) -> str:
    """A workflow command's message, as the runner reads it: `%`, CR and LF escaped, so the
    command ends where its line does and `%0A` in a plan stays the three characters it is."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (`file=`, `title=`): as `escape_data`, and `:` and `,`
    too, which end a value, so a file name cannot add a property or start the message."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _unobeyed(text: str) -> str:
    """Text with no `##[` in it, which the runner would obey anywhere in a line (`log_line`)."""
    return text.replace("##[", "#\\x23[")


def file_property(path: str) -> str:
    """A file's name as a command's `file=` value: escaped (`escape_property`), its control
    characters shown (`printable`) and any `##[` shown as in `log_line`. A pull request names
    its files, so a name is as hostile as a plan's words."""
    return escape_property(_unobeyed(printable(path)))


def log_line(text: str) -> str:
    """A line of the plain report, printed where the runner reads commands, so that it is
    read and not obeyed.

    A plain line starts with its file, so it is never a `::command::` line, but the runner
    also obeys the older form `##[command]` anywhere in a line (actions/runner,
    `ActionCommand.TryParse`): a strategy named `##[stop-commands]x` would make it ignore
    every annotation after it, and `##[error]...` would forge one. Its second `#` is shown as
    the escape `\\x23`, as `printable` shows a control character; a line that starts with `::`
    (none does today) has its second `:` shown as `\\x3a`.
    """
    text = _unobeyed(text)
    if text.lstrip().startswith("::"):
        text = text.replace("::", ":\\x3a", 1)
    return text


def annotation(problem: PlanProblem, kind: Kind, *, resources: str = "") -> str:
    """The workflow command that marks one problem on its file and line, like
    `::error file=plans/x.md,line=3,title=make check%3A level::must be one of ...`.

    The title names the field; the message says what is wrong, with the leading `notice: `
    left out of a notice (the annotation says it is one). A problem about a whole file
    (line 0) is marked on the file, with no line. A problem in the folder `resources` (as
    problems name it: `resources`) names its field in a resource's words. A plan's words are
    kept on the line (`printable`, then `escape_data`) and any `##[` in them shown as in
    `log_line`.
    """
    properties = [f"file={file_property(problem.source)}"]
    if problem.line > 0:
        properties.append(f"line={problem.line}")
    title = f"{TITLE}: {_said(problem, resources)}" if problem.field else TITLE
    properties.append(f"title={escape_property(_unobeyed(printable(title)))}")
    message = problem.message.removeprefix("notice: ") if kind == "notice" else problem.message
    return f"::{kind} {','.join(properties)}::{escape_data(_unobeyed(printable(message)))}"


def code(text: str) -> str:
    """Any text as one Markdown code span, shown exactly as written: inside a code span
    nothing is a link, an autolink, an entity or HTML (CommonMark 6.1), whatever the text.

    The span's fence is one backtick longer than the longest run of backticks in the text, so
    no run inside can close it; a space pads a text that starts or ends with a backtick (and
    is taken off again by the reader). Line breaks, which would end a list item, are escaped.
    """
    text = printable(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or not text.strip():
        text = f" {text} "
    return f"{fence}{text}{fence}"


def guide_url(environ: Mapping[str, str], section: str = GUIDE_SECTION) -> str:
    """The link to CONTRIBUTING.md's section on the messages (or another `section`): the file
    at the commit checked, on GitHub, when the run says where (`GITHUB_SERVER_URL`,
    `GITHUB_REPOSITORY`, `GITHUB_SHA`), else the path from the repository's root."""
    anchor = heading_anchor(section)
    server, repository, sha = (
        environ.get(name, "") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    if server and repository and sha:
        return f"{server.rstrip('/')}/{repository}/blob/{sha}/{GUIDE}#{anchor}"
    return f"{GUIDE}#{anchor}"


def heading_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lowercase, punctuation dropped, each space
    a hyphen."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


_RESOURCE_FIELD = re.compile(r"([a-z_]+)(?:\[\d+\])?")
"""A resource's field path: a key, or an item of a list (`strategies[2]`); resources nest no deeper."""


def is_resource(problem: PlanProblem, resources: str) -> bool:
    """Whether the problem is in the folder of resources (`resources`, as problems name it)."""
    return bool(resources) and (problem.source == resources or problem.source.startswith(f"{resources}/"))


def _named(problem: PlanProblem, resources: str = "") -> str | None:
    """A field path in the words the plan form and the printed template use ("Goal 2,
    activity 1, Dates"), or a resource's field in its own ("Kind of resource"); None where it
    ends in a key no plan (or resource) has."""
    if is_resource(problem, resources):
        match = _RESOURCE_FIELD.fullmatch(problem.field)
        words = RESOURCE.get(match[1]) if match else None
        return words.label if words else None
    place, label = field_in_words(problem.field)
    return ", ".join(part for part in (place, label) if part) if label else None


def _said(problem: PlanProblem, resources: str = "") -> str:
    """A field in words; a key no plan has keeps the path, which names it as the file writes it."""
    return _named(problem, resources) or problem.field


def _item(problem: PlanProblem, resources: str = "") -> str:
    """One problem in words: the file and line as an editor finds them, the goal, activity and
    field by their names, then what is wrong in a code span (the words may be a plan's own).
    A field path is shown as written only where it ends in a key no plan has."""
    where = f"line {problem.line}" if problem.line > 0 else "the whole file"
    if named := _named(problem, resources) if problem.field else None:
        return f"- {code(problem.source)}, {where}, {named}: {code(problem.message)}\n"
    what = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"- {code(problem.source)}, {where}: {code(what)}\n"


def summary(
    problems: Sequence[PlanProblem], kind: Kind, *, guide: str, totals: str = "", resources: str = ""
) -> str:
    """The Markdown `make check` appends to the run's summary.

    `kind="error"`: the check failed; a heading with the number of problems, each problem in
    words, where they show in the pull request, and the link to the guide's section on the
    messages. `kind="notice"`: the check passed; one line saying so with the `totals` (plans,
    goals, activities), and the notices, if any, listed the same way. Where a problem is a
    resource's (in the folder `resources`, as problems name it), its field is said in a
    resource's words, and the guide's section on resources' messages is linked too (the same
    file as `guide`, at that section's heading).
    """
    lines: list[str] = []
    count = len(problems)
    if kind == "error":
        lines.append(f"### Plan check: {_plural(count, 'problem')} found\n\n")
        lines.append(
            "Each problem is also marked on its line of the plan, in the pull request's **Files changed** tab. "
            "Edit the plan at that line; the checks run again on each change to the pull request.\n\n"
        )
    else:
        lines.append(f"### Plan check: all valid{f' ({totals})' if totals else ''}\n")
        if not problems:
            return "".join(lines)
        lines.append(
            f"\n{_plural(count, 'notice')}, worth a look but not errors "
            "(each is also marked on its line in the pull request's **Files changed** tab):\n\n"
        )
    lines.extend(_item(problem, resources) for problem in problems[:LISTED])
    if count > LISTED:
        lines.append(f"- and {count - LISTED} more: the step's log lists every one.\n")
    lines.append("\n")
    if count > ANNOTATIONS_PER_STEP:
        lines.append(
            f"GitHub marks the first {ANNOTATIONS_PER_STEP} on their lines; this list has them all.\n\n"
        )
    about_resources = ""
    if any(is_resource(problem, resources) for problem in problems):
        resource_guide = f"{guide.split('#', 1)[0]}#{heading_anchor(RESOURCE_GUIDE_SECTION)}"
        about_resources = f"; for resources, [{RESOURCE_GUIDE_SECTION}]({resource_guide})"
    lines.append(f"What each message means, and what to do: [{GUIDE_SECTION}]({guide}){about_resources}.\n\n")
    return "".join(lines)
