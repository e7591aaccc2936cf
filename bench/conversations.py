"""Conversations at volume: the inbox and a conversation's page for a person with 500
conversations, the new-message poll (its time and its query plan), and a digest run.

    .venv/bin/python bench/conversations.py [--organisations 2000] [--conversations 20000]
        [--messages 200000] [--mine 500] [--rounds 60] [--recipients 5000]
    bash scripts/with-postgres.sh .venv/bin/python bench/conversations.py ...

Runs on a cached SQLite file in bench/.cache/ (one per size), or on PostgreSQL when DATABASE_URL
is set. The issue's size (20,000 organisations, 200,000 conversations, 2,000,000 messages) is
`--organisations 20000 --conversations 200000 --messages 2000000`; the defaults are a tenth.

Data (generated once per size, in bulk, seed 2027): one member per organisation; every
conversation is about an expression of interest between two organisations, its messages
alternate between the sides; one person (the "reader") takes part in --mine of them, some
unread. Times are the whole request in Django (test client: middleware, session, selectors,
template), not under gunicorn: p50 and p95 over --rounds requests after a warm-up.

1. Inbox: GET /en/messages/ (first page) and the API's list.
2. Conversation page: GET /en/messages/<id>/ of the reader's conversations in turn (it marks
   them read: a write per request, as in use).
3. Poll: GET /en/messages/<id>/poll/?after=<last> with nothing new (the every-10-seconds case:
   204), and the plan of its two queries (the seat, the newest message) from the database's
   EXPLAIN; the script fails if either scans a table instead of searching an index.
4. Digest: --recipients people with a notice due, each in a conversation, sent by the
   notices task (the every-minute run): time, mails queued, peak memory (tracemalloc's peak
   of Python allocations; the process's maximum resident size).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
import urllib.request
from datetime import timedelta
from typing import Any

from _setup import bench_organisations, django_on_bench_database, percentile

READER = "reader@bench.invalid"
BATCH = 5000
LINES_KO = [
    "안녕하세요. 양극재 샘플을 보내 주실 수 있나요?",
    "다음 주 B2B 상담회에서 뵐 수 있을까요?",
    "수소 연료전지 실증 일정이 궁금합니다.",
]
LINES_EN = [
    "Thanks, we can ship cathode material samples next week.",
    "Our fuel cell controllers fit hydrogen refueling stations.",
    "Shall we meet at the B2B day? Slides: https://example.org/deck",
]


def _timed(get, paths: list[str], rounds: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU milliseconds of each request (CPU time counts this process only: on a
    shared, loaded machine it is the fairer figure; the database's own work on PostgreSQL is
    in the wall time only)."""
    wall, cpu, status = [], [], 0
    for i in range(rounds):
        started, used = time.perf_counter(), time.process_time()
        response = get(paths[i % len(paths)])
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        status = response.status_code
    return wall, cpu, status


def _line(name: str, timed: tuple[list[float], list[float], int], limit: float | None = None
          ) -> None:  # fmt: skip
    wall, cpu, status = timed
    target = f" (issue: p95 <= {limit:g} ms)" if limit else ""
    print(
        f"  {name:<38} wall p50 {statistics.median(wall):6.1f} p95 {percentile(wall, 95):6.1f}"
        f" · CPU p50 {statistics.median(cpu):6.1f} p95 {percentile(cpu, 95):6.1f} ms"
        f" [{status}]{target}"
    )


def _write_counters(rows: list) -> None:
    """Each conversation's last message, its time and its count. On PostgreSQL one
    UPDATE ... FROM (VALUES ...) per batch: bulk_update's CASE per row grows with the batch
    squared (7 minutes for 200,000 conversations)."""
    from django.db import connection

    from yeongilman.conversations.models import Conversation

    if connection.vendor != "postgresql":
        Conversation.objects.bulk_update(
            rows, ["last_message_id", "last_message_at", "message_count", "talked_at"],
            batch_size=BATCH,
        )  # fmt: skip
        return
    table = connection.ops.quote_name(Conversation._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            values = ",".join(["(%s, %s, %s::timestamptz, %s, %s::timestamptz)"] * len(chunk))
            cursor.execute(
                f"UPDATE {table} AS c SET last_message_id = v.last, last_message_at = v.at, "  # noqa: S608
                f"message_count = v.n, talked_at = v.talked FROM (VALUES {values}) "
                "AS v(id, last, at, n, talked) WHERE c.id = v.id",
                [x for r in chunk for x in (r.pk, r.last_message_id, r.last_message_at,
                                            r.message_count, r.talked_at)],
            )  # fmt: skip


def generate(orgs: list, conversations: int, messages: int, mine: int) -> None:
    """The bench's users, opportunities, interests, conversations, seats and messages."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.db.models import Count, Max
    from django.utils import timezone

    from yeongilman.accounts.models import Membership, User
    from yeongilman.conversations.models import Conversation, Message, Participant, Via
    from yeongilman.partnering.models import Interest, Opportunity

    rng = random.Random(2027)
    password = make_password("bench-password")
    started = time.perf_counter()
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(email=f"member{i}@bench.invalid", full_name=f"Bench member {i}",
                     language="en" if i % 3 else "ko", password=password)
                for i in range(len(orgs))
            ],
            batch_size=BATCH,
        )  # fmt: skip
        reader = User.objects.create(email=READER, full_name="Bench reader", language="ko",
                                     password=password)  # fmt: skip
        Membership.objects.bulk_create(
            [
                Membership(user=u, organisation=o, role="admin")
                for u, o in zip(users, orgs, strict=True)
            ]
            + [Membership(user=reader, organisation=orgs[0], role="admin")],
            batch_size=BATCH,
        )
    users = list(User.objects.filter(email__endswith="@bench.invalid").exclude(email=READER)
                 .order_by("pk"))  # fmt: skip
    member_of = {o.pk: u for o, u in zip(orgs, users, strict=True)}
    others = orgs[1:]
    per_opportunity = min(len(others) - 1, 40)
    # Pairs (owner, interested): the reader's organisation asks `mine` owners, the rest pair
    # the other organisations, each opportunity receiving up to `per_opportunity` interests.
    pairs = [(others[i % len(others)].pk, orgs[0].pk) for i in range(mine)]
    rest = conversations - mine
    owners = [pair[0] for pair in pairs]
    for q in range((rest + per_opportunity - 1) // per_opportunity):
        owner = q % len(others)
        owners.append(others[owner].pk)
        for j in range(min(per_opportunity, rest - q * per_opportunity)):
            pairs.append((others[owner].pk, others[(owner + 1 + j) % len(others)].pk))
    now = timezone.now()
    with transaction.atomic():
        Opportunity.objects.bulk_create(
            [
                Opportunity(owner_id=owner, type="technology_offer", status="published",
                            title_en=f"Bench offer {n}", title_ko=f"벤치 제안 {n}",
                            description_en="Battery line controllers.", published_at=now)
                for n, owner in enumerate(owners)
            ],
            batch_size=BATCH,
        )  # fmt: skip
    opportunity_ids = list(
        Opportunity.objects.filter(title_en__startswith="Bench offer ").order_by("pk")
        .values_list("pk", flat=True)
    )  # fmt: skip
    with transaction.atomic():
        Interest.objects.bulk_create(
            [
                Interest(
                    opportunity_id=opportunity_ids[
                        i if i < mine else mine + (i - mine) // per_opportunity
                    ],
                    organisation_id=interested, sender=member_of[interested],
                    message="Interested.", status="pending",
                )
                for i, (_owner, interested) in enumerate(pairs)
            ],
            batch_size=BATCH,
        )  # fmt: skip
    interest_ids = list(
        Interest.objects.filter(opportunity_id__in=opportunity_ids).order_by("pk")
        .values_list("pk", flat=True)
    )  # fmt: skip
    first = now - timedelta(days=365)
    with transaction.atomic():
        Conversation.objects.bulk_create(
            [
                Conversation(kind="interest", interest_id=interest_ids[i],
                             started_by=member_of[interested], created_at=first)
                for i, (_owner, interested) in enumerate(pairs)
            ],
            batch_size=BATCH,
        )  # fmt: skip
    conversation_ids = list(
        Conversation.objects.filter(interest_id__in=interest_ids).order_by("interest_id")
        .values_list("pk", flat=True)
    )  # fmt: skip
    print(
        f"  people, opportunities, interests, conversations: {time.perf_counter() - started:.0f} s"
    )

    started = time.perf_counter()
    per = max(1, messages // conversations)
    extra = messages - per * conversations
    step = timedelta(days=365) / max(1, messages)
    at = first
    written = 0
    buffer: list[Message] = []
    for n, ((owner, interested), conversation_id) in enumerate(
        zip(pairs, conversation_ids, strict=True)
    ):
        count = per + (1 if n < extra else 0)
        for k in range(count):
            side = 2 if k % 2 == 0 else 1
            sender = (
                member_of[interested]
                if side == 2 and interested != orgs[0].pk
                else (reader if side == 2 else member_of[owner])
            )
            language = "ko" if side == 2 and rng.random() < 0.7 else "en"
            body = rng.choice(LINES_KO if language == "ko" else LINES_EN)
            at += step
            buffer.append(Message(conversation_id=conversation_id, sender=sender, side=side,
                                  body=body, language=language, detected_language=language,
                                  created_at=at))  # fmt: skip
        if len(buffer) >= BATCH * 4:
            Message.objects.bulk_create(buffer, batch_size=BATCH)
            written += len(buffer)
            buffer = []
    if buffer:
        Message.objects.bulk_create(buffer, batch_size=BATCH)
        written += len(buffer)
    print(f"  {written:,} messages: {time.perf_counter() - started:.0f} s")

    started = time.perf_counter()
    counted = {
        row["conversation_id"]: (row["last"], row["n"])
        for row in Message.objects.values("conversation_id")
        .annotate(last=Max("id"), n=Count("id")).order_by()
    }  # fmt: skip
    last = {pk: values[0] for pk, values in counted.items()}
    times: dict[int, Any] = {}
    ids = list(last.values())
    for start in range(0, len(ids), BATCH):
        times |= dict(
            Message.objects.filter(pk__in=ids[start : start + BATCH]).values_list(
                "pk", "created_at"
            )
        )
    rows = list(Conversation.objects.filter(pk__in=list(counted)).only("pk"))
    for row in rows:
        row.last_message_id, row.message_count = counted[row.pk]
        row.last_message_at = times[row.last_message_id]
        row.talked_at = row.last_message_at if row.message_count > 1 else None
    _write_counters(rows)
    seats = []
    for n, ((owner, interested), conversation_id) in enumerate(
        zip(pairs, conversation_ids, strict=True)
    ):
        last_id = last[conversation_id]
        moment = times[last_id]
        unread = 1 if n < mine and n % 10 == 0 else 0  # a tenth of the reader's: one unread
        seats.append(Participant(conversation_id=conversation_id, user=member_of[owner], side=1,
                                 via=Via.ORGANISATION, organisation_id=owner,
                                 last_message_at=moment, last_read_id=last_id))  # fmt: skip
        seats.append(Participant(
            conversation_id=conversation_id, user=reader if n < mine else member_of[interested],
            side=2, via=Via.ORGANISATION, organisation_id=interested, last_message_at=moment,
            last_read_id=last_id - unread, unread=unread,
        ))  # fmt: skip
        if len(seats) >= BATCH * 4:
            Participant.objects.bulk_create(seats, batch_size=BATCH)
            seats = []
    Participant.objects.bulk_create(seats, batch_size=BATCH)
    print(f"  seats and counters: {time.perf_counter() - started:.0f} s")


def digest_people(recipients: int) -> list[int]:
    """`recipients` people, each with a notice due in one conversation (made once)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from yeongilman.accounts.models import User
    from yeongilman.conversations.models import Conversation, Participant, Via

    prefix = "digest"
    have = User.objects.filter(email__startswith=prefix, email__endswith="@bench.invalid").count()
    if have < recipients:
        password = make_password("bench-password")
        User.objects.bulk_create(
            [User(email=f"{prefix}{i}@bench.invalid", full_name=f"Digest {i}",
                  language="ko" if i % 2 else "en", password=password)
             for i in range(have, recipients)],
            batch_size=BATCH,
        )  # fmt: skip
    people = list(
        User.objects.filter(email__startswith=prefix, email__endswith="@bench.invalid")
        .order_by("pk").values_list("pk", flat=True)[:recipients]
    )  # fmt: skip
    seated = set(Participant.objects.filter(user_id__in=people).values_list("user_id", flat=True))
    conversations = list(
        Conversation.objects.order_by("-pk").values_list("pk", "last_message_at", "last_message_id")
        [: max(1, len(people) // 4)]
    )  # fmt: skip
    new = []
    for n, person in enumerate(people):
        if person in seated:
            continue
        pk, moment, last_id = conversations[n % len(conversations)]
        new.append(Participant(conversation_id=pk, user_id=person, side=2, via=Via.PERSON,
                               last_message_at=moment,
                               last_read_id=(last_id or 1) - 1))  # fmt: skip
    Participant.objects.bulk_create(new, batch_size=BATCH)
    now = timezone.now()
    Participant.objects.filter(user_id__in=people).update(
        unread=1, pending_since=now - timedelta(hours=1), notify_after=now - timedelta(minutes=1)
    )
    return people


class _Keepalive:
    """One kept-alive HTTP connection to the server with the reader's session cookie."""

    def __init__(self, port: int, session: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {"Host": "127.0.0.1", "Cookie": f"sessionid={session}"}

    def get(self, path: str) -> Any:
        self.connection.request("GET", path, headers=self.headers)
        response = self.connection.getresponse()
        response.read()
        response.status_code = response.status  # type: ignore[attr-defined]
        return response


def _through_gunicorn(reader: Any, mine: list[tuple[int, int | None]], rounds: int) -> None:
    """The same pages through gunicorn (production settings, `deploy/gunicorn.conf.py`, the
    load test's start-up) from one client on a kept-alive connection: the request as a
    browser makes it, HTTP parsing and the WSGI layer included."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from load_test import start_gunicorn

    store = SessionStore()
    store["_auth_user_id"] = str(reader.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = reader.get_session_auth_hash()
    store.create()
    connection.close()
    workers = (os.cpu_count() or 1) + 1
    server, port = start_gunicorn(workers, 3)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # every worker started and warm (load test's way)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    if len(json.load(r)["match_index"]["workers"]) >= workers:
                        break
            except (OSError, KeyError, ValueError):
                pass
            time.sleep(0.5)
        client = _Keepalive(port, str(store.session_key))
        for _ in range(workers * 3):  # every worker warm
            client.get("/en/messages/")
            client.get(f"/en/messages/{mine[0][0]}/")
        print(f"\npages through gunicorn ({workers} gthread workers x 3 threads, one client, "
              "kept-alive connection, wall time at the client):")  # fmt: skip
        _line("inbox page (first 50)", _timed(client.get, ["/en/messages/", "/ko/messages/"],
                                              rounds), 100)  # fmt: skip
        detail = [f"/en/messages/{pk}/" for pk, _last in mine]
        _line("conversation page (last 50 messages)", _timed(client.get, detail, rounds), 80)
        polls = [f"/en/messages/{pk}/poll/?after={last}" for pk, last in mine]
        _line("poll, nothing new (204)", _timed(client.get, polls, rounds * 5), 10)
    finally:
        server.terminate()
        server.wait(30)


def explain(queryset) -> tuple[str, bool]:
    """The database's plan of a query, and whether it reads a whole table."""
    plan = queryset.explain()
    scans = any(
        ("Seq Scan" in line)
        or (line.strip().startswith(("SCAN", "--SCAN")) and "USING" not in line)
        for line in plan.splitlines()
    )
    return plan, scans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--conversations", type=int, default=20_000)
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--mine", type=int, default=500, help="the reader's conversations")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--recipients", type=int, default=5000, help="people in the digest")
    parser.add_argument(
        "--gunicorn", action="store_true",
        help="also time the pages through gunicorn as deployed (production settings)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.gunicorn:  # sessions made here must verify in the server: one secret for both
        os.environ["DJANGO_SECRET_KEY"] = "conversations-bench-" + "x" * 40
    if args.conversations < args.mine or args.organisations < 3:
        parser.error("--conversations must be at least --mine, --organisations at least 3")
    name = f"conversations-{args.organisations}-{args.conversations}-{args.messages}-{args.mine}"
    vendor = django_on_bench_database(f"{name}.sqlite3")

    from django.test import Client

    from yeongilman.accounts.models import User
    from yeongilman.conversations.access import visible_seats_q
    from yeongilman.conversations.models import Conversation, Message, Participant
    from yeongilman.conversations.tasks import send_message_notices
    from yeongilman.outbox.models import Mail

    print(f"conversations bench on {vendor}: {args.organisations:,} organisations, "
          f"{args.conversations:,} conversations, {args.messages:,} messages, "
          f"a reader with {args.mine} conversations")  # fmt: skip
    if not User.objects.filter(email=READER).exists():
        started = time.perf_counter()
        orgs = bench_organisations(args.organisations)
        print(f"  organisations: {time.perf_counter() - started:.0f} s")
        generate(orgs, args.conversations, args.messages, args.mine)
    reader = User.objects.get(email=READER)
    print(f"  in the database: {Conversation.objects.count():,} conversations, "
          f"{Message.objects.count():,} messages, "
          f"{Participant.objects.filter(user=reader).count()} of them the reader's")  # fmt: skip

    client = Client()
    client.force_login(reader)
    mine = list(
        Participant.objects.filter(user=reader).order_by("-last_message_at")
        .values_list("conversation_id", "conversation__last_message_id")[:100]
    )  # fmt: skip
    for _ in range(3):  # warm-up: templates, translations, connections
        client.get("/en/messages/")
        client.get(f"/en/messages/{mine[0][0]}/")

    print("\npages (Django test client, server time):")
    pages = args.mine // 50 or 1
    _line("inbox page (first 50)", _timed(client.get, ["/en/messages/", "/ko/messages/"],
                                          args.rounds), 100)  # fmt: skip
    _line(f"inbox page {pages} (the oldest)",
          _timed(client.get, [f"/en/messages/?page={pages}"], args.rounds))  # fmt: skip
    _line("API list (50 with unread counts)",
          _timed(client.get, ["/api/v1/conversations?page_size=50"], args.rounds))  # fmt: skip
    detail = [f"/en/messages/{pk}/" for pk, _last in mine]
    _line("conversation page (last 50 messages)", _timed(client.get, detail, args.rounds), 80)
    polls = [f"/en/messages/{pk}/poll/?after={last}" for pk, last in mine]
    _line("poll, nothing new (204)", _timed(client.get, polls, args.rounds * 5), 10)

    if args.gunicorn:
        _through_gunicorn(reader, mine, args.rounds)

    print("\nthe poll's queries (EXPLAIN):")
    pk, last = mine[0]
    seat = Participant.objects.filter(visible_seats_q(reader), conversation_id=pk)
    newest = Message.objects.filter(conversation_id=pk, id__gt=last)
    failed = False
    for label, query in (("seat", seat), ("new messages", newest)):
        started = time.perf_counter()
        for _ in range(200):
            (query.exists() if label != "seat" else query.first())
        each = (time.perf_counter() - started) / 200 * 1000
        plan, scans = explain(query)
        failed |= scans
        print(f"  {label}: {each:.3f} ms per query, {'SCANS A TABLE' if scans else 'index only'}")
        for line in plan.splitlines():
            print(f"    {line}")

    print(f"\ndigest: {args.recipients:,} people with a notice due, the notices task:")
    people = digest_people(args.recipients)
    Mail.objects.filter(tag="conversations/notice").delete()
    tracemalloc.start()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, used = time.perf_counter(), time.process_time()
    result = send_message_notices.enqueue()
    took, cpu = time.perf_counter() - started, time.process_time() - used
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queued = Mail.objects.filter(tag="conversations/notice").count()
    left = Participant.objects.filter(user_id__in=people, notify_after__isnull=False).count()
    print(f"  {took:.1f} s ({cpu:.1f} s CPU, under tracemalloc) for {len(people):,} people "
          f"({len(people) / took:,.0f} per second), {queued:,} mails queued, {left} notices "
          f"left, task status {result.status}")  # fmt: skip
    print(f"  peak Python allocations {peak / 1024 / 1024:.0f} MiB (tracemalloc); maximum "
          f"resident size {rss_after / 1024:.0f} MiB "
          f"(was {rss_before / 1024:.0f} MiB)")  # fmt: skip
    Mail.objects.filter(tag="conversations/notice").delete()
    if failed:
        print("\nFAILED: a poll query scans a table", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
