"""Synthetic plans shaped like the ones people write, for benchmarks at state scale.

A benchmark passed once because its plans drew every audience from a list of ten, while
real authors word each goal's audience their own way; a corpus no one here wrote then
failed on the same code. So these plans vary as real ones do: every goal's target
audience is written afresh (people, qualifiers, places, now and then one no group
names), goal titles run 8 to 25 words and activities 10 to 60, plans are state, district
and school plans (school activities with a type of involvement, by name or number, and
grades written the ways people write them), activities come in short and long form, and
names carry accents and other scripts. Lengths follow real plans (the samples: activities
of about 20 words): most near the typical length, a tenth much longer. A seeded generator writes the same files every run.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from handbook.vocabularies.involvement import INVOLVEMENT_TYPES
from handbook.vocabularies.strategies import STRATEGIES

LEVELS = ["school"] * 11 + ["district"] * 8 + ["state"]
PLACES = [
    "Adams", "Baker", "Cedar", "Dover", "Elm", "Fairview", "Granite", "Harbor", "Iris", "Juniper",
    "Kent", "Lakeside", "Maple", "North", "Oak", "Pine", "Quarry", "River", "Summit", "Union",
    "Valley", "Willow", "York", "Zion", "Río Bravo", "Nguyễn Trãi", "Saint-Éloi", "Los Álamos",
    "Chávez", "Wánbli", "Öster", "Kōwhai",
]  # fmt: skip
PEOPLE = [
    "parents", "families", "guardians", "grandparents raising grandchildren", "caregivers",
    "students", "English learners", "high school students", "sixth graders", "new families",
    "teachers", "counselors", "family liaisons", "paraprofessionals", "school nurses",
    "principals", "assistant principals", "school leaders", "ATP chairs", "Action Teams for Partnerships",
    "district leaders for partnerships", "superintendents", "district office staff", "Title I coordinators",
    "state colleagues", "the state department of education", "other state agencies",
    "community partners", "local businesses", "faith-based organizations", "public libraries",
    "school board members", "policy makers", "the media", "residents", "bus drivers",
    "cafeteria staff", "coaches", "after-school providers", "health clinics", "tribal education offices",
    "familias hispanohablantes", "中文 speaking families", "military families", "foster families",
]  # fmt: skip
QUALIFIERS = [
    "in all elementary schools", "new to the district", "of students in grades K-5",
    "at the middle schools", "across the state", "in rural schools", "who speak Spanish at home",
    "in Title I schools", "on the east side", "of English learners", "in the feeder pattern",
    "at every high school", "with children in preschool", "in the 2026\N{EN DASH}27 school year",
]  # fmt: skip
WORDS = [
    "partnership", "families", "school", "community", "students", "reading", "math", "attendance",
    "workshop", "newsletter", "volunteers", "conference", "literacy", "homework", "survey",
    "celebration", "training", "policy", "budget", "grant", "evaluation", "website", "library",
    "breakfast", "night", "festival", "mentoring", "tutoring", "transition", "orientation", "report",
    "progress", "plan", "team", "goal", "practice", "outreach", "translation", "interpreter",
    "calendar", "council", "forum", "webinar", "toolkit", "handbook", "checklist", "data", "results",
    "meeting", "leaders", "principals", "teachers",
]  # fmt: skip
VERBS = [
    "Provide", "Conduct", "Organize", "Publish", "Review", "Award", "Train", "Share", "Celebrate",
    "Collect", "Host", "Invite", "Translate", "Visit", "Survey", "Recognize", "Update", "Plan",
]  # fmt: skip
GRADES = [
    "K-2", "3-5", "K-5", "6-8", "9-12", "All grades", "6th-8th grade", "Kindergarten through 2",
    "Pre-K", "grades 3 and 4", "10", "PK-5", "all", "1st and 2nd",
]  # fmt: skip
TYPES: list[object] = [
    1, 2, 3, 4, 5, 6, "Parenting", "communicating", "Volunteering", "learning at home",
    "Decision making", "Collaborating with the community",
]  # fmt: skip


def sentence(rng: random.Random, low: int, high: int, typical: int | None = None) -> str:
    """A sentence of `low` to `high` words, as plans word things (verb first, one period):
    most near `typical` words, some much longer, as people write."""
    if typical is None:
        count = rng.randint(low, high)
    else:
        count = min(high, max(low, round(rng.gauss(typical, typical / 3))))
        if rng.random() < 0.1:  # now and then a long one
            count = rng.randint((low + high) // 2, high)
    words = [rng.choice(VERBS)] + [rng.choice(WORDS) for _ in range(count - 1)]
    if rng.random() < 0.2:  # a place or a name now and then
        words.insert(rng.randint(1, len(words)), rng.choice(PLACES))
    return " ".join(words) + "."


def audience(rng: random.Random, place: str, goal: int) -> str:
    """A target audience written afresh: one to three groups of people, sometimes qualified,
    always with a touch of its own (a place, a year, a school)."""
    people = rng.sample(PEOPLE, rng.choice([1, 1, 2, 2, 3]))
    text = ", ".join(people[:-1]) + (" and " if len(people) > 1 else "") + people[-1]
    if rng.random() < 0.7:
        text += " " + rng.choice(QUALIFIERS)
    text += rng.choice([f" of {place}", f" in {place} (goal {goal})", f" at {place} schools", f", {place}"])
    return text[0].upper() + text[1:]


def plan_front_matter(index: int, rng: random.Random) -> dict[str, object]:
    place = f"{PLACES[index % len(PLACES)]} {index // len(PLACES) + 1}"
    level = LEVELS[index % len(LEVELS)]
    strategies = [s.name for s in STRATEGIES]
    goals = []
    # As many goals and activities as the samples have: three goals of four or five
    # activities in a leadership plan, four goals of two or three in a school's plan.
    goal_count = 4 if level == "school" else rng.choice([2, 3, 3, 3, 4, 4, 5])
    for goal_number in range(1, goal_count + 1):
        activities: list[object] = []
        counts = [1, 2, 2, 3, 3, 4, 5] if level == "school" else [2, 3, 4, 4, 5, 5, 6, 7]
        for _ in range(rng.choice(counts)):
            text = sentence(rng, 10, 60, typical=20)
            if level == "school":  # school activities name their type of involvement
                activity: dict[str, object] = {"text": text, "type": rng.choice(TYPES)}
                if rng.random() < 0.8:
                    activity["grades"] = rng.choice(GRADES)
                if rng.random() < 0.5:
                    activity["dates"] = rng.choice(["September", "Each month", "Fall 2026", "All year"])
                    activity["preparations"] = sentence(rng, 4, 15)
                    activity["responsible"] = "ATP chair and " + rng.choice(PEOPLE)
                activities.append(activity)
            elif rng.random() < 0.5:
                activities.append(text)
            else:
                activities.append(
                    {
                        "text": text,
                        "page": rng.choice([1, 2]),
                        "dates": rng.choice(
                            ["Month 1", "Quarterly", "August and January", "2026\N{EN DASH}27"]
                        ),
                        "responsible": "Leader for partnerships with " + rng.choice(PEOPLE),
                        "expected_results": sentence(rng, 6, 20),
                        "costs": f"${100 * rng.randint(1, 50)} from {rng.choice(['Title I', 'the district', 'a grant'])}",
                    }
                )
        goal: dict[str, object] = {"title": sentence(rng, 8, 25, typical=13)}
        if level == "school":
            goal["kind"] = ["academic", "academic", "behavior", "climate"][goal_number - 1]
            if rng.random() < 0.3:
                goal["audience"] = audience(rng, place, goal_number)
            goal["results"] = sentence(rng, 6, 20)
        else:
            goal["strategies"] = rng.sample(strategies, rng.randint(1, 3))
            goal["audience"] = audience(rng, place, goal_number)
        goal["activities"] = activities
        goals.append(goal)
    organization = {
        "state": "Department of Education",
        "district": "Public Schools",
        "school": "Elementary School",
    }
    plan: dict[str, object] = {
        "title": f"{place} {level.capitalize()} {'One-Year Action' if level == 'school' else 'Leadership'} Plan for Partnerships",
        "level": level,
        "organization": f"{place} {organization[level]}",
    }
    plan.update(annual_cycle(index, goals))
    plan["goals"] = goals
    return plan


STATUSES = ["planned", "in progress", "done", "done", "not done"]


def annual_cycle(index: int, goals: list[dict[str, object]]) -> dict[str, object]:
    """A year for most plans (three years in all), statuses in half of those, and now and
    then a done activity put forward as a promising practice with its outcome: the annual
    cycle's pages at state scale. Drawn from a generator of the plan's own, so that the
    rest of each plan stays as it was before plans had years."""
    rng = random.Random(index * 7919 + 17)
    if rng.random() < 0.3:
        return {}
    year = rng.choice(["2024-25", "2025-26", "2026-27"])
    if rng.random() < 0.5:
        for goal in goals:
            activities = goal["activities"]
            assert isinstance(activities, list)
            for number, activity in enumerate(activities):
                if rng.random() < 0.2:
                    continue
                entry = {"text": activity} if isinstance(activity, str) else dict(activity)
                entry["status"] = rng.choice(STATUSES)
                if entry["status"] == "done" and rng.random() < 0.1:
                    entry["outcome"] = sentence(rng, 8, 40, typical=18)
                    entry["practice"] = True
                activities[number] = entry
    return {"year": year}


def introduction(rng: random.Random) -> str:
    """One to three paragraphs, now and then with a link or a footnote."""
    paragraphs = [
        " ".join(sentence(rng, 8, 30) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 3))
    ]
    if rng.random() < 0.3:
        paragraphs.append("See [the handbook](https://example.org/handbook) for the framework.[^1]")
        paragraphs.append("[^1]: Six types of involvement, six leadership strategies.")
    return "\n\n".join(paragraphs)


def write_plans(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """Write `count` plans as `plan-0001.md`... into `folder` and return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        front = yaml.safe_dump(plan_front_matter(index, rng), sort_keys=False, allow_unicode=True, width=1000)
        path = folder / f"plan-{index + 1:04d}.md"
        path.write_text(f"---\n{front}---\n{introduction(rng)}\n\nThe plan for benchmarks.\n", "utf-8")
        paths.append(path)
    return paths


# Resources (issue 30): what a state's e-library shares besides its plans, about one for
# every five plans, written as varied as the plans are.

KINDS = [
    "guide", "Guide", "research brief", "Research-Brief", "workshop materials", "template or form",
    "template", "sample letter", "letter", "video", "presentation", "slides", "other",
]  # fmt: skip
"""Kinds as people write them: any case, and the other spellings a resource's `kind:` takes."""
GROUP_NAMES = [
    "Families", "students", "Teachers and school staff", "Principals and school leaders",
    "School Action Teams for Partnerships", "Schools", "district leaders", "State education agency staff",
    "Other state agencies and organizations", "Community partners and businesses",
    "School boards and policy makers", "The public",
]  # fmt: skip
"""Audience groups by name, in any case."""
LANGUAGES = ["Spanish", "Chinese", "Vietnamese", "Arabic", "Haitian Creole", "Somali", "Tagalog", "Lakota"]
RESOURCE_NOUNS = {
    "guide": "A Guide to",
    "research brief": "Research Brief:",
    "workshop materials": "Workshop Materials for",
    "template or form": "Template for",
    "sample letter": "Sample Letter on",
    "video": "Video:",
    "presentation": "Slides on",
    "other": "Notes on",
}
SOURCES = ["Department of Education", "Public Schools", "Family Engagement Center", "Elementary School"]


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A small PDF of one page holding `title` and `lines` as text: what a handout is, made
    here (a few kilobytes), so the bench's resources have real files to publish and pack.
    Only ASCII reaches the page (the standard font's encoding); offsets are counted, so any
    reader opens it."""

    def text(value: str) -> str:
        plain = value.encode("ascii", "replace").decode("ascii")
        return plain.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    rows = [f"BT /F1 16 Tf 72 720 Td ({text(title)}) Tj ET"]
    rows += [f"BT /F1 11 Tf 72 {690 - 16 * n} Td ({text(line)}) Tj ET" for n, line in enumerate(lines[:40])]
    stream = "\n".join(rows).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def resource_front_matter(index: int, rng: random.Random) -> tuple[dict[str, object], list[str]]:
    """One resource's front matter, and the names of the files it keeps (made by the caller)."""
    place = f"{PLACES[index % len(PLACES)]} {index // len(PLACES) + 1}"
    kind = rng.choice(KINDS)
    canonical = {"Guide": "guide", "Research-Brief": "research brief", "template": "template or form",
                 "letter": "sample letter", "slides": "presentation"}.get(kind, kind)  # fmt: skip
    topic = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))
    resource: dict[str, object] = {
        "title": f"{RESOURCE_NOUNS[canonical]} {topic.capitalize()} in {place} ({index + 1})",
        "kind": kind,
        "summary": sentence(rng, 12, 45, typical=22),
        "strategies": rng.sample([s.name for s in STRATEGIES], rng.choice([1, 1, 2, 2, 3])),
    }
    if rng.random() < 0.8:
        resource["audience_groups"] = rng.sample(GROUP_NAMES, rng.choice([1, 2, 2, 3, 4]))
    if rng.random() < 0.5:  # each type once, by name (any case) or number
        chosen = rng.sample(list(INVOLVEMENT_TYPES), rng.choice([1, 1, 2]))
        resource["types"] = [rng.choice([kind.name, kind.name.lower(), kind.number]) for kind in chosen]
    resource["levels"] = rng.sample(["state", "district", "school"], rng.choice([1, 1, 2, 3]))
    if rng.random() < 0.4:
        resource["grades"] = rng.choice(GRADES)
    if rng.random() < 0.3:
        resource["year"] = rng.choice(["2024-25", "2025-26", "2026-27"])
    if rng.random() < 0.3:
        resource["languages"] = ["English", *rng.sample(LANGUAGES, rng.randint(1, 3))]
    resource["source"] = f"{place} {rng.choice(SOURCES)}"
    files: list[str] = []
    if canonical != "video" and rng.random() < 0.2:
        files = [f"{canonical.replace(' ', '-')}-{index + 1:04d}.pdf"]
        if rng.random() < 0.3:
            files.append(f"handout-{index + 1:04d}-{rng.choice(['en', 'es'])}.pdf")
        resource["files"] = files
    if not files or rng.random() < 0.5:
        resource["link"] = f"https://www.example.org/{place.split()[0].lower()}/resources/{index + 1}"
    return resource, files


def write_resources(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """Write `count` resources as `resource-0001.md`... into `folder` (`resources/`), each
    resource's files in `resource-<n>/`, and return the resource files' paths.

    Varied as the plans are: every kind (spelled as people spell them), one to three
    strategies, audience groups by name and types by name or number (or none), levels, grades,
    school years and languages now and then; most give a link, about a fifth keep a small
    generated PDF or two (a video never). A seeded generator writes the same files every run,
    and every resource is valid."""
    rng = random.Random(seed * 31 + 5)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        front, files = resource_front_matter(index, rng)
        text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
        path = folder / f"resource-{index + 1:04d}.md"
        path.write_text(f"---\n{text}---\n{introduction(rng)}\n", "utf-8")
        if files:
            (folder / path.stem).mkdir(exist_ok=True)
            for name in files:
                lines = [sentence(rng, 6, 14) for _ in range(rng.randint(8, 30))]
                (folder / path.stem / name).write_bytes(pdf_bytes(str(front["title"]), lines))
        paths.append(path)
    return paths
