"""What row-level security costs, and round trips over a slow network, on PostgreSQL.

    python tests/benchmarks/pg_trust.py [--sizes 1000,10000]

For each size a schema is filled in SQL (projects of four units, three milestones each), an
officer login of one unit is made, and `remind`, `alerts` and one `milestone set` run as whole
processes through a TCP proxy on 127.0.0.1 that delays each direction by 5 ms and counts the
round trips (a burst of client messages answered by the server), as the owner (no policies
apply) and as the officer (policies apply). Times are the minimum of three runs. Nothing is
asserted; the schema and login are dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import threading
import time
import uuid

import psycopg

SERVER = ("127.0.0.1", 5432)
DELAY_S = 0.005
UNITS = ("区体育局", "区文旅局", "区教育局", "区卫健局")


class Proxy:
    """Forwards 127.0.0.1:port to the server, each direction delayed; counts round trips."""

    def __init__(self) -> None:
        self.round_trips = 0
        self.port = 0
        self._ready = threading.Event()
        threading.Thread(target=lambda: asyncio.run(self._serve()), daemon=True).start()
        self._ready.wait()

    async def _serve(self) -> None:
        server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        await server.serve_forever()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*SERVER)
        waiting = [False]  # whether the client's last burst is still unanswered

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter, up: bool) -> None:
            while data := await src.read(65536):
                await asyncio.sleep(DELAY_S)
                if up and not waiting[0]:
                    self.round_trips += 1
                waiting[0] = up
                dst.write(data)
                await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer, True), pipe(up_reader, writer, False))


def fill(conn: psycopg.Connection, size: int) -> None:
    # A project's unit is a recorded organisation (migration 0007).
    conn.execute(
        "INSERT INTO organisation (name, kind, illustrative, version) "
        "SELECT u, 'unit', false, 1 FROM unnest(%s::text[]) u",
        (list(UNITS),),
    )
    conn.execute(
        "INSERT INTO project (code, name, category, stage, currency, unit, version) "
        "SELECT 'P-' || i, '项目' || i, 'other', 'construction', 'CNY', "
        "(ARRAY['区体育局','区文旅局','区教育局','区卫健局'])[1 + i %% 4], 1 "
        "FROM generate_series(1, %s) i",
        (size,),
    )
    conn.execute(
        "INSERT INTO milestone (project_id, name, position, baseline, baseline_precision, "
        "illustrative, version) SELECT p.id, '节点' || k, k, DATE '2026-11-01' + (p.id % 90), "
        "'day', false, 1 FROM project p, generate_series(1, 3) k"
    )


def run(argv: list[str], proxy: Proxy) -> tuple[float, int]:
    best, trips = float("inf"), 0
    for _ in range(3):
        before = proxy.round_trips
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tracker", *argv], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
        trips = proxy.round_trips - before
    return best, trips


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    proxy = Proxy()
    admin = "postgresql://postgres@127.0.0.1:5432/test"
    for size in sizes:
        schema, officer = f"t_bench_{uuid.uuid4().hex[:8]}", f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
            conn.execute(f'CREATE ROLE "{officer}" LOGIN')
        owner_url = f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/test"
        owner_url += f"?options=-csearch_path%3D{schema}"
        try:
            env = {**os.environ, "TRACKER_LANG": "en", "TRACKER_TODAY": "2026-11-28"}
            os.environ.update(env)
            subprocess.run([sys.executable, "-m", "tracker", "--db", owner_url, "init"], check=True)
            with psycopg.connect(f"{admin}?options=-csearch_path%3D{schema}") as conn:
                fill(conn, size)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "tracker",
                    "--db",
                    owner_url,
                    "role",
                    "grant",
                    officer,
                    "officer",
                    "--unit",
                    UNITS[1],
                ],
                check=True,
                capture_output=True,
            )
            officer_url = owner_url.replace("postgres@", f"{officer}@")
            for name, command in (
                ("remind", ["remind"]),
                ("alerts", ["alerts"]),
                ("milestone save", ["milestone", "set", "P-1", "节点1", "--forecast", "2027-05"]),
            ):
                owner_s, owner_trips = run(["--db", owner_url, *command], proxy)
                officer_s, officer_trips = run(["--db", officer_url, *command], proxy)
                print(
                    f"{size:>6} {name:<15} owner {owner_s * 1000:7.0f} ms {owner_trips:3} trips"
                    f"   officer (RLS) {officer_s * 1000:7.0f} ms {officer_trips:3} trips"
                    f"   ratio {officer_s / owner_s:.2f}"
                )
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
                prefix = f"test_{schema}_"
                groups = conn.execute(
                    "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)", (prefix,)
                ).fetchall()
                for (role,) in [*groups, (officer,)]:
                    conn.execute(f'DROP OWNED BY "{role}"')
                    conn.execute(f'DROP ROLE "{role}"')


if __name__ == "__main__":
    main()
