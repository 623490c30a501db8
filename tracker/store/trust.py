"""The shared database's trust, made by PostgreSQL itself: roles, grants, row-level security
and the audit triggers (installed by migration 0008; see README "A shared database").

Four NOLOGIN group roles per database and schema (roles are global to the server, so each is
named `<prefix>_<role>`, the prefix being the database's name, followed by `_<schema>` when the
schema is not `public`): admin (everything; schema upgrades when it also holds the owner role),
coordinator (writes every project), officer (writes the projects of their units and their
records; reads all), leader (reads all). The officer table says which units an officer has.

The audit table `change` is append-only for them: SELECT and INSERT only, and a trigger on it
stamps every new entry with the login (unless the login may act as the tables' owner), its id
and its link in the hash chain (tracker.store.chain). A deferred trigger on every tracked table
checks at commit that each row written has its field-level entries in the transaction (as
tracker's service writes them itself, with their labels) and writes the missing ones under the
login, so a write made in psql lands in the trail too, and tracker's own writes once.

TRACKED lists the tracked tables; a later migration that adds one calls
`install_table(op.get_bind(), "name")` and adds the name here.
"""

from __future__ import annotations

from typing import Any

from tracker.store.chain import CHAINED

TRACKED: tuple[str, ...] = (
    "project",
    "milestone",
    "investment_plan",
    "investment_report",
    "status_update",
    "problem",
    "leader",
    "organisation",
    "escalation",
    "meeting",
    "meeting_action",
)
"""The tracked tables: those an officer writes for their own units' projects (each has
`project_id`, except `project` itself, which has `unit`), and the bureau's own records, the
leaders in charge and the organisations, which only a coordinator or an admin writes; migration
0008 also takes in any other table with a `project_id` column that exists when it runs."""

BUREAU_TABLES = ("leader", "organisation", "escalation", "meeting")
"""The bureau's tables: an officer reads them and writes none (the leaders, the organisations,
the instruments of the escalation ladder and the dispatch meetings are the coordinator's)."""
ROLES = ("admin", "coordinator", "officer", "leader")
WRITERS = ("admin", "coordinator", "officer")
_AUDIT_LOCK = "hashtext('tracker audit ' || current_schema())"
_MY_UNITS = (
    "(SELECT jsonb_array_elements_text(o.units::jsonb) FROM officer o WHERE o.login = session_user)"
)


def role_prefix(conn: Any) -> str:
    """This database's (and schema's) prefix of the group roles' names."""
    database, schema = conn.exec_driver_sql("SELECT current_database(), current_schema()").one()
    return (database if schema == "public" else f"{database}_{schema}")[:50]


def group(prefix: str, role: str) -> str:
    """A group role's name, quoted for SQL."""
    return '"' + f"{prefix}_{role}".replace('"', '""') + '"'


def install(conn: Any) -> None:
    """Create the roles, grant them the schema, and install the audit triggers and policies on
    every tracked table (PostgreSQL; idempotent)."""
    prefix = role_prefix(conn)
    for role in ROLES:
        name = f"{prefix}_{role}"
        conn.exec_driver_sql(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
            f"'{name.replace(chr(39), chr(39) * 2)}') THEN CREATE ROLE {group(prefix, role)} "
            "NOLOGIN; END IF; END $$"
        )
    everyone = ", ".join(group(prefix, role) for role in ROLES)
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {_schema(conn)} TO {everyone}")
    conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {_schema(conn)} TO {everyone}")
    writers = ", ".join(group(prefix, role) for role in WRITERS)
    conn.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {_schema(conn)} TO {writers}")
    conn.exec_driver_sql(f"GRANT INSERT ON change TO {writers}")
    conn.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON officer TO {group(prefix, 'admin')}")
    owner = conn.exec_driver_sql(
        "SELECT r.rolname, r.rolsuper FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
        "WHERE c.oid = 'change'::regclass"
    ).one()
    if not owner[1]:  # admins may act as the owner role: upgrade the schema, manage roles
        conn.exec_driver_sql(f'GRANT "{owner[0]}" TO {group(prefix, "admin")}')
    conn.exec_driver_sql("ALTER TABLE change ALTER COLUMN id DROP DEFAULT")
    conn.exec_driver_sql(_chain_function())
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS tracker_chain ON change")
    conn.exec_driver_sql(
        "CREATE TRIGGER tracker_chain BEFORE INSERT ON change "
        "FOR EACH ROW EXECUTE FUNCTION tracker_chain()"
    )
    conn.exec_driver_sql(_AUDIT_FUNCTION)
    for table in tracked_tables(conn):
        install_table(conn, table)


def tracked_tables(conn: Any) -> list[str]:
    """TRACKED's tables that exist, and any other table with a `project_id` column."""
    names = conn.exec_driver_sql(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND column_name = 'project_id' ORDER BY table_name"
    ).scalars()
    tables = set(
        conn.exec_driver_sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).scalars()
    )
    found = set(names) | {"project"}
    return [name for name in TRACKED if name in found | tables] + sorted(found - set(TRACKED))


def install_table(conn: Any, table: str) -> None:
    """Grants, row-level security policies and the audit trigger of one tracked table."""
    prefix = role_prefix(conn)
    quoted = '"' + table + '"'
    mine = (
        f"unit IN {_MY_UNITS}"
        if table == "project"
        else "false"
        if table in BUREAU_TABLES
        else f"project_id IN (SELECT p.id FROM project p WHERE p.unit IN {_MY_UNITS})"
    )
    writers = ", ".join(group(prefix, role) for role in WRITERS)
    everyone = ", ".join(group(prefix, role) for role in ROLES)
    for sql in (
        f"GRANT SELECT ON {quoted} TO {everyone}",
        f"GRANT INSERT, UPDATE, DELETE ON {quoted} TO {writers}",
        f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS tracker_read ON {quoted}",
        f"CREATE POLICY tracker_read ON {quoted} FOR SELECT USING (true)",
        f"DROP POLICY IF EXISTS tracker_every_unit ON {quoted}",
        f"CREATE POLICY tracker_every_unit ON {quoted} FOR ALL "
        f"TO {group(prefix, 'admin')}, {group(prefix, 'coordinator')} "
        "USING (true) WITH CHECK (true)",
        f"DROP POLICY IF EXISTS tracker_own_units ON {quoted}",
        f"CREATE POLICY tracker_own_units ON {quoted} FOR ALL TO {group(prefix, 'officer')} "
        f"USING ({mine}) WITH CHECK ({mine})",
        f"DROP TRIGGER IF EXISTS tracker_audit ON {quoted}",
        f"CREATE CONSTRAINT TRIGGER tracker_audit AFTER INSERT OR UPDATE OR DELETE ON {quoted} "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_audit()",
    ):
        conn.exec_driver_sql(sql)


def audit_triggers(conn: Any, enabled: bool) -> None:
    """Turn the tracked tables' audit triggers off (a restore copies a trail that is already
    complete) or on again; the owner's, inside its transaction."""
    verb = "ENABLE" if enabled else "DISABLE"
    rows = conn.exec_driver_sql(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname = 'tracker_audit' AND c.relnamespace = current_schema()::regnamespace"
    ).scalars()
    for table in list(rows):
        conn.exec_driver_sql(f'ALTER TABLE "{table}" {verb} TRIGGER tracker_audit')


def _schema(conn: Any) -> str:
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
    return '"' + str(schema).replace('"', '""') + '"'


def _part(expression: str) -> str:
    value = f"({expression})"
    return f"CASE WHEN {value} IS NULL THEN '~' ELSE length({value}) || ':' || {value} END"


def _chain_function() -> str:
    values = {name: f"NEW.{name}::text" for name in CHAINED}
    values["at"] = "((extract(epoch FROM NEW.at) * 1000000)::bigint)::text"
    canonical = " || '|' || ".join(_part(values[name]) for name in CHAINED)
    return f"""
CREATE OR REPLACE FUNCTION tracker_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $f$
DECLARE previous text;
BEGIN
  PERFORM pg_advisory_xact_lock({_AUDIT_LOCK});
  IF NEW.id IS NULL THEN NEW.id := nextval(pg_get_serial_sequence('change', 'id')); END IF;
  IF NOT pg_has_role(session_user,
      (SELECT relowner FROM pg_class WHERE oid = 'change'::regclass), 'MEMBER') THEN
    NEW.author := session_user;
  END IF;
  SELECT c.hash INTO previous FROM change c WHERE c.id < NEW.id ORDER BY c.id DESC LIMIT 1;
  NEW.hash := encode(sha256(convert_to(coalesce(previous, '') || {canonical}, 'UTF8')), 'hex');
  RETURN NEW;
END $f$"""


_AUDIT_FUNCTION = """
CREATE OR REPLACE FUNCTION tracker_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $f$
DECLARE
  row_now jsonb;
  row_before jsonb;
  entry_id bigint;
  code text;
  tx bigint := mod(pg_current_xact_id()::text::bigint, 4294967296);
  key text;
  was text;
  now_text text;
BEGIN
  IF TG_OP = 'DELETE' THEN row_now := to_jsonb(OLD); ELSE row_now := to_jsonb(NEW); END IF;
  entry_id := (row_now ->> 'id')::bigint;
  IF TG_TABLE_NAME = 'project' THEN
    code := row_now ->> 'code';
  ELSIF row_now ? 'project_id' THEN
    SELECT p.code INTO code FROM project p WHERE p.id = (row_now ->> 'project_id')::bigint;
  END IF;
  IF TG_OP = 'INSERT' OR TG_OP = 'DELETE' THEN
    key := CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'deleted' END;
    IF NOT EXISTS (SELECT 1 FROM change c WHERE c.record = TG_TABLE_NAME AND c.field = key
        AND c.record_id = entry_id AND c.xmin::text::bigint = tx) THEN
      INSERT INTO change (at, author, project_code, record, record_id, field, old, new)
      VALUES (now(), session_user, code, TG_TABLE_NAME, entry_id, key,
        CASE WHEN TG_OP = 'DELETE' THEN (SELECT '{' || string_agg(to_json(e.key)::text || ': '
          || coalesce(to_json(e.value #>> '{}')::text, 'null'), ', ' ORDER BY e.key COLLATE "C")
          || '}' FROM jsonb_each(row_now) e) END,
        CASE WHEN TG_OP = 'INSERT'
          THEN coalesce(row_now ->> 'name', row_now ->> 'description', '') END);
    END IF;
    RETURN NULL;
  END IF;
  row_before := to_jsonb(OLD);
  FOR key, now_text IN SELECT e.key, e.value #>> '{}' FROM jsonb_each(row_now) e
      WHERE e.key <> 'version' ORDER BY e.key LOOP
    was := row_before ->> key;
    CONTINUE WHEN was IS NOT DISTINCT FROM now_text;
    IF NOT EXISTS (SELECT 1 FROM change c WHERE c.record = TG_TABLE_NAME AND c.field = key
        AND c.record_id = entry_id AND c.xmin::text::bigint = tx
        AND c.new IS NOT DISTINCT FROM now_text) THEN
      INSERT INTO change (at, author, project_code, record, record_id, field, old, new)
      VALUES (now(), session_user, code, TG_TABLE_NAME, entry_id, key, was, now_text);
    END IF;
  END LOOP;
  RETURN NULL;
END $f$"""
