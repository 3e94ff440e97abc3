// The store: schema versions and migrations, WAL, transactions, and the raw archive that
// follows them.
#include "synth/core/error.hpp"
#include "synth/store/store.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace synth;
using store::Store;

namespace {
struct TempDir : synth::test::TempDir
{
  TempDir() : synth::test::TempDir("synth-store-test") {}
  const std::filesystem::path dir{path()};
  std::filesystem::path db() const { return dir / "synth.db"; }
};

Record make(const std::string& id, const std::string& raw)
{
  Record r;
  r.source = "PubMed";
  r.source_id = id;
  r.pmid = id;
  r.title = "Title " + id;
  r.raw = raw;
  r.provenance = {"f.xml", 3, 1};
  return r;
}

std::string pragma(Store& s, const std::string& name)
{
  auto st = s.prepare("PRAGMA " + name);
  return st.step() ? st.column_text(0) : std::string();
}

std::int64_t add_import(Store& s)
{
  store::SearchRun run;
  run.database = "PubMed";
  return s.add_search(run);
}
} // namespace

TEST_CASE("a new store: WAL, 64 KiB pages, core schema version 2", "[store]")
{
  TempDir t;
  Store s(t.db(), Store::Mode::create);
  CHECK(pragma(s, "journal_mode") == "wal");
  CHECK(pragma(s, "page_size") == "65536");
  CHECK(s.schema_version("core") == 2);
  CHECK_THROWS_AS(Store(t.dir / "missing.db", Store::Mode::open_existing), Error);
}

TEST_CASE("records and their raw text survive a reopen: the same id is not stored twice", "[store]")
{
  TempDir t;
  {
    Store s(t.db(), Store::Mode::create);
    Store::Transaction tx(s);
    auto search = add_import(s);
    auto a = make("1", "<PubmedArticle>one</PubmedArticle>");
    auto b = make("2", "<PubmedArticle>two</PubmedArticle>");
    CHECK(s.insert_record(a, search));
    CHECK(s.insert_record(b, search));
    auto again = make("1", "<PubmedArticle>one, again</PubmedArticle>");
    CHECK_FALSE(s.insert_record(again, search));
    CHECK(again.id == a.id);
    CHECK(s.record(b.id)->raw == "<PubmedArticle>two</PubmedArticle>"); // read inside the transaction
    tx.commit();
  }
  // The raw text is in the archive beside the store, once per record.
  auto archive = t.dir / "synth.raw" / "1.txt";
  REQUIRE(std::filesystem::exists(archive));
  CHECK(std::filesystem::file_size(archive) == 2 * std::string("<PubmedArticle>one</PubmedArticle>").size());
  Store s(t.db(), Store::Mode::open_existing);
  auto records = s.records();
  REQUIRE(records.size() == 2);
  CHECK(records[0].raw == "<PubmedArticle>one</PubmedArticle>");
  CHECK(records[1].raw == "<PubmedArticle>two</PubmedArticle>");
  CHECK(records[1].provenance == Provenance{"f.xml", 3, 1});
}

TEST_CASE("a transaction rolled back leaves store and archive as they were", "[store]")
{
  TempDir t;
  Store s(t.db(), Store::Mode::create);
  std::int64_t search = 0;
  {
    Store::Transaction tx(s);
    search = add_import(s);
    auto a = make("1", "first");
    s.insert_record(a, search);
    tx.commit();
  }
  auto archive = t.dir / "synth.raw" / "1.txt";
  const auto size = std::filesystem::file_size(archive);
  {
    Store::Transaction tx(s);
    auto b = make("2", std::string(3 << 20, 'x')); // more than the write buffer
    s.insert_record(b, search);
    auto other = add_import(s);
    auto c = make("3", "in a new file");
    s.insert_record(c, other);
    CHECK(std::filesystem::exists(t.dir / "synth.raw" / "2.txt"));
    // no commit
  }
  CHECK(std::filesystem::file_size(archive) == size);
  CHECK_FALSE(std::filesystem::exists(t.dir / "synth.raw" / "2.txt"));
  CHECK(s.counts().records == 1);
  // What follows is appended where the rolled back text was.
  {
    Store::Transaction tx(s);
    auto d = make("4", "after");
    s.insert_record(d, search);
    tx.commit();
  }
  auto records = s.records();
  REQUIRE(records.size() == 2);
  CHECK(records[1].raw == "after");
  CHECK(std::filesystem::file_size(archive) == size + 5);
}

TEST_CASE("a savepoint undoes part of a transaction, archive included", "[store]")
{
  TempDir t;
  Store s(t.db(), Store::Mode::create);
  Store::Transaction tx(s);
  auto search = add_import(s);
  auto a = make("1", "kept");
  s.insert_record(a, search);
  {
    Store::Savepoint sp(s, "import");
    auto b = make("2", "undone");
    s.insert_record(b, search);
    sp.rollback();
  }
  {
    Store::Savepoint sp(s, "import");
    auto c = make("3", "released");
    s.insert_record(c, search);
    sp.release();
  }
  {
    Store::Savepoint sp(s, "import");
    auto d = make("4", "dropped by the destructor");
    s.insert_record(d, search);
  }
  tx.commit();
  auto records = s.records();
  REQUIRE(records.size() == 2);
  CHECK(records[0].raw == "kept");
  CHECK(records[1].raw == "released");
  CHECK(std::filesystem::file_size(t.dir / "synth.raw" / "1.txt") == std::string("keptreleased").size());
}

TEST_CASE("a version 1 store is migrated: its raw text stays where it was", "[store][migrate]")
{
  TempDir t;
  {
    Store s(t.db(), Store::Mode::create);
    auto search = add_import(s);
    auto a = make("1", "");
    s.insert_record(a, search);
    // Back to what version 1 wrote: raw inline, no archive columns.
    s.exec("UPDATE records SET raw = '<old>inline</old>'");
    s.exec("ALTER TABLE records DROP COLUMN raw_offset");
    s.exec("ALTER TABLE records DROP COLUMN raw_size");
    s.exec("UPDATE schema_versions SET version = 1 WHERE module = 'core'");
  }
  Store s(t.db(), Store::Mode::open_existing);
  CHECK(s.schema_version("core") == 2);
  auto records = s.records();
  REQUIRE(records.size() == 1);
  CHECK(records[0].raw == "<old>inline</old>");
}

TEST_CASE("a store newer than this synth is refused, not damaged", "[store][migrate]")
{
  TempDir t;
  {
    Store s(t.db(), Store::Mode::create);
    s.exec("UPDATE schema_versions SET version = 99 WHERE module = 'core'");
  }
  CHECK_THROWS_WITH(Store(t.db(), Store::Mode::open_existing),
                    Catch::Contains("schema 'core' version 99 is newer than this synth")
                      && Catch::Contains("upgrade synth"));
}

TEST_CASE("module migrations run once, in order, each module on its own", "[store][migrate]")
{
  TempDir t;
  Store s(t.db(), Store::Mode::create);
  s.migrate("demo", {"CREATE TABLE demo (a INTEGER)"});
  s.exec("INSERT INTO demo VALUES (1)");
  s.migrate("demo", {"CREATE TABLE demo (a INTEGER)", "ALTER TABLE demo ADD COLUMN b TEXT DEFAULT 'x'"});
  CHECK(s.schema_version("demo") == 2);
  CHECK(s.schema_version("core") == 2);
  auto st = s.prepare("SELECT a, b FROM demo");
  REQUIRE(st.step());
  CHECK(st.column_int(0) == 1);
  CHECK(st.column_text(1) == "x");
  // A failing migration leaves the module at its version.
  CHECK_THROWS_AS(s.migrate("demo", {"", "", "THIS IS NOT SQL"}), Error);
  CHECK(s.schema_version("demo") == 2);
}
