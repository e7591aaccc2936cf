"""Matchmaking speed and memory: rebuild throughput, query latency, suggestion page, worker RSS.

    python bench/matching.py [--rebuild-profiles 2000] [--index-profiles 20000]

1. Rebuild: encodes `--rebuild-profiles` synthetic profiles through the Django adapter (three
   views per profile: whole text, self-description, need) and reports profiles per second.
   The vectors are cached in bench/.cache, so later runs skip that step unless --fresh.
2. Index: `--index-profiles` organisations in the bench database; their stored vectors reuse the
   encoded ones cyclically (latency and memory do not depend on the values), then one worker
   loads the index as at start-up.
3. Query: p50/p95 of a free-text query including its encoding (in a warm worker); page:
   p50/p95 of the "suggested partners" page end to end (Django test client, template included).
4. Memory: RSS before and after loading the index, extrapolated to 100,000 profiles.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

import numpy as np
from _setup import CACHE, django_on_bench_database, percentile

QUERIES = [
    "포항에서 LFP 양극재를 양산합니다. 미국 ESS 셀 메이커와 장기 공급계약을 맺고 싶습니다.",
    "Pittsburgh robotics lab looking for Korean steel plants to pilot inspection robots.",
    "수소 연료전지 스택을 만듭니다. 미국 트럭 제조사와 실증을 원합니다.",
    "San Diego biotech VC investing in Korean microbiome drug developers.",
    "AI 기반 철강 표면결함 검출 솔루션의 해외 PoC 파트너를 찾고 있습니다.",
]


def rss_mb() -> float:
    """Resident memory of this process in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild-profiles", type=int, default=2000)
    parser.add_argument("--index-profiles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--fresh", action="store_true", help="re-encode even if cached")
    args = parser.parse_args()
    django_on_bench_database(f"matching-{args.index_profiles}.sqlite3")

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from tqdm import tqdm

    from yeongilman.accounts.models import Membership, MembershipRole, User
    from yeongilman.directory.models import Organisation
    from yeongilman.matching.engine import Query
    from yeongilman.matching.explain import suggest
    from yeongilman.matchmaking import adapter
    from yeongilman.matchmaking.models import MatchVector

    settings.YV_MATCHING_INLINE = False  # a real worker: the loaded index is kept
    have = Organisation.objects.count()
    if have < args.index_profiles:
        call_command(
            "generate_synthetic", "--organisations", str(args.index_profiles - have),
            "--seed", "2027",
        )  # fmt: skip
    organisations = list(adapter.indexable_organisations())
    documents = [adapter.organisation_document(o) for o in organisations]

    # 1. Rebuild throughput on the first N profiles (cached afterwards).
    sample = documents[: args.rebuild_profiles]
    cache_file = CACHE / f"matching-vectors-{len(sample)}.npz"
    if args.fresh or not cache_file.exists():
        MatchVector.objects.all().delete()
        bar = tqdm(total=len(sample), unit="profile", desc="encode")
        started = time.perf_counter()
        encoded = adapter.store_documents(sample, progress=bar.update)
        seconds = time.perf_counter() - started
        bar.close()
        print(
            f"rebuild: {encoded} profiles encoded in {seconds:.0f} s = "
            f"{encoded / seconds:.1f} profiles/s (3 views each, batched, all cores)"
        )
        rows = {r.key: r for r in MatchVector.objects.filter(key__in=[d.id for d in sample])}
        np.savez(
            cache_file,
            whole=np.stack([np.frombuffer(rows[d.id].whole, np.float32) for d in sample]),
            about=np.stack([np.frombuffer(rows[d.id].about, np.float32) for d in sample]),
            need=np.stack(
                [np.frombuffer(rows[d.id].need or rows[d.id].whole, np.float32) for d in sample]
            ),
            has_need=np.array([rows[d.id].need is not None for d in sample]),
            tokens=np.array([rows[d.id].tokens for d in sample]),
        )
        started = time.perf_counter()
        again = adapter.store_documents(sample)
        rerun = time.perf_counter() - started
        print(f"re-run on unchanged profiles: {again} encoded in {rerun:.1f} s")
    else:
        print(f"rebuild: vectors cached in {cache_file.name} (run with --fresh to measure again)")

    # 2. Store vectors for every profile (reusing the encoded ones cyclically).
    cached = np.load(cache_file)
    if MatchVector.objects.count() < len(documents):
        MatchVector.objects.all().delete()
        batch = []
        for i, d in enumerate(documents):
            j = i % len(cached["whole"])
            batch.append(
                MatchVector(
                    key=d.id,
                    text_hash="bench",
                    model_name="bench",
                    lang=d.lang,
                    whole=cached["whole"][j].tobytes(),
                    about=cached["about"][j].tobytes(),
                    need=cached["need"][j].tobytes() if cached["has_need"][j] else None,
                    tokens=str(cached["tokens"][j]),
                )  # fmt: skip
            )
            if len(batch) == 2000:
                MatchVector.objects.bulk_create(batch)
                batch = []
        MatchVector.objects.bulk_create(batch)

    adapter.encoder().encode(["warm-up"], query=True)  # model loaded before measuring
    before = rss_mb()
    started = time.perf_counter()
    adapter.forget()
    loaded = adapter.current()
    load_seconds = time.perf_counter() - started
    after = rss_mb()
    n = len(loaded.index.ids)
    print(f"index: {n} profiles loaded in {load_seconds:.1f} s")

    # 3a. A free-text query, encoding included, in a worker that has answered one already
    # (the first query loads Kiwi for the explanations, about a second, once per worker).
    suggest(loaded.index, Query("warm-up query for Kiwi"), k=10)
    gc.collect()  # as a server worker does after its warm-up (adapter.warm_up)
    gc.freeze()
    samples = []
    for r in range(args.rounds):
        text = QUERIES[r % len(QUERIES)] + f" ({r})"  # distinct text: no encoder cache hit
        started = time.perf_counter()
        suggest(loaded.index, Query(text), k=10)
        samples.append((time.perf_counter() - started) * 1000)
    print(
        f"query incl. encoding: p50 {statistics.median(samples):.0f} ms, "
        f"p95 {percentile(samples, 95):.0f} ms"
    )

    # The encoding alone: two views (what the platform does: the whole is their token-weighted
    # mean) vs three (the whole encoded as well).
    from yeongilman.matching.roles import split_roles

    three, two = [], []
    for r in range(args.rounds):
        text = QUERIES[r % len(QUERIES)] + f" [{r}]"
        roles = split_roles(text)
        started = time.perf_counter()
        adapter.encoder().encode([text, roles.about or text, roles.need or text], query=True)
        three.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        adapter.encoder().encode([roles.about + " ", roles.need + " "], query=True)
        two.append((time.perf_counter() - started) * 1000)
    print(
        f"query encoding alone: 2 views (used) p50 {statistics.median(two):.0f} ms / "
        f"p95 {percentile(two, 95):.0f} ms; 3 views p50 {statistics.median(three):.0f} ms / "
        f"p95 {percentile(three, 95):.0f} ms"
    )

    # 3b. The suggestions page of a member's organisation, end to end.
    user, _new = User.objects.get_or_create(email="bench-member@example.org")
    subjects = organisations[:: max(1, len(organisations) // args.rounds)][: args.rounds]
    for org in subjects:
        Membership.objects.get_or_create(
            user=user, organisation=org, defaults={"role": MembershipRole.OWNER}
        )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    client.get(f"/ko/partnering/suggestions/{subjects[0].slug}/")  # warm templates
    samples = []
    for org in subjects:
        for want in ("partners", "opportunities"):
            started = time.perf_counter()
            response = client.get(f"/ko/partnering/suggestions/{org.slug}/?want={want}")
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    print(
        f"suggested-partners page: p50 {statistics.median(samples):.0f} ms, "
        f"p95 {percentile(samples, 95):.0f} ms"
    )

    # 4. Memory.
    per_profile = (after - before) / max(1, n)
    final = rss_mb()  # Kiwi (explanations) and templates loaded by now
    print(
        f"worker RSS: {before:.0f} MB before the index, {after:.0f} MB with {n} profiles; "
        f"about {per_profile * 1024:.1f} kB per profile, so about "
        f"{final - after + before + per_profile * 100_000:.0f} MB at 100,000 profiles "
        f"(RSS after the queries and pages: {final:.0f} MB)"
    )


if __name__ == "__main__":
    main()
