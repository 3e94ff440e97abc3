// The command table: every subcommand of synth, in the order of `synth --help`, with its
// summary, setup function and help page (command.hpp). Help, `synth help COMMAND` and the
// man pages are built from this list and nothing else.
#include "command.hpp"

namespace synth::cli {

// The command table: data, not logic, however long.
// NOLINTNEXTLINE(readability-function-size)
const std::vector<Command>& commands()
{
  static const std::vector<Command> table{
    {"init",
     "Create a review project: synth.db, queries/, decisions/, extraction/, cache/",
     setup_init,
     "Creates the folder DIR (default: the current directory) with an empty store, synth.db,\n"
     "and the folders the other commands read: queries/, decisions/, extraction/, cache/.\n"
     "A folder that already holds a project is refused.",
     {{"dir", "DIR"}},
     {{"synth init my-review", "create the project my-review/"},
      {"synth init", "make the current directory a project"}}},

    {"search",
     "Run query files against PubMed, Crossref and OpenAlex",
     setup_search,
     "Runs each query file (.query; docs/query.md) against its database, records the result\n"
     "set in the search log and imports the records. Every answer is kept in cache/ first, so\n"
     "an interrupted search resumes and --offline rebuilds the same store without a network.",
     {{"query_files", "QUERY_FILE"}, {"--batch-size", "N"}, {"--rows", "N"}},
     {{"synth search queries/*.query", "run every strategy, fetch and import the records"},
      {"synth search --check --strict queries/*.query", "lint the query files (no network; for CI)"},
      {"synth search --offline queries/*.query", "replay the searches from cache/ only"}}},

    {"import",
     "Import database exports into the store",
     setup_import,
     "Imports export files of any database: the format is detected from the content (or forced\n"
     "with --format). Malformed input fails the whole command with FILE:LINE and imports\n"
     "nothing, unless --lenient. Importing the same file again adds nothing (docs/import.md).",
     {{"files", "FILE"},
      {"--format", "FORMAT"},
      {"--source", "NAME"},
      {"--query", "QUERY_FILE"},
      {"--hits", "N"},
      {"--prisma-group", "GROUP"}},
     {{"synth import embase.ris --source Embase", "import a RIS export, naming its source"},
      {"synth import cinahl.ris --query queries/cinahl.query --hits 1234",
       "log a strategy run by hand with the hits the database showed"},
      {"zcat big.ris.gz | synth import - --source CINAHL", "read standard input"}}},

    {"chase",
     "Citation searching in OpenAlex: references and citing works of the seeds",
     setup_chase,
     "Resolves the seed studies (the included ones, or the records of --from FILE) in OpenAlex\n"
     "by DOI, PMID or title, then fetches their references (--backward) and the works citing\n"
     "them (--forward). Each work is stored once as source \"Citation searching\" with every\n"
     "seed and direction that led to it; PRISMA counts them as citation searching. Unresolved\n"
     "seeds, seeds with no references listed and references OpenAlex does not return are\n"
     "listed. Environment: SYNTH_EMAIL, OPENALEX_API_KEY, SYNTH_OPENALEX_URL. Exit 1 on\n"
     "network errors, 401 or a spent daily budget (nothing stored; re-run resumes from cache/).",
     {{"--from", "included|FILE"}, {"--depth", "N"}},
     {{"synth chase --backward --forward", "chase both ways from the included studies"},
      {"synth chase --backward --from seeds.ris", "the reference lists of the records in seeds.ris"},
      {"synth chase --forward --offline", "replay a chase from cache/"}}},

    {"dedup",
     "Find duplicate records across sources",
     setup_dedup,
     "Clusters the records of the store that describe the same work (identifiers, then\n"
     "normalised fields). Uncertain pairs are never merged: --review writes them to a CSV for a\n"
     "person, and the decisions filled in are applied on the next run (docs/dedup.md).",
     {{"--review", "FILE"}},
     {{"synth dedup", "cluster all records; re-run after every import"},
      {"synth dedup --review pairs.csv", "write the uncertain pairs, or apply the decisions made in them"}}},

    {"screen",
     "Apply the inclusion criteria and the reviewers' decisions",
     setup_screen,
     "Applies criteria.txt (or --criteria FILE), the reviewers' decision CSV files\n"
     "(decisions/*.csv) and the extraction data (extraction/*.csv), stage by stage, and prints\n"
     "what is pending, passed and excluded by reason. Re-running changes nothing\n"
     "(docs/criteria.md). --interactive --stage STAGE --reviewer NAME opens the screening\n"
     "screen: one record at a time, ranked by active learning, keys i/e/m/s/u/n/ / /q/?, every\n"
     "decision appended to decisions/STAGE-NAME.csv and synced at once (docs/screen.md).\n"
     "--stop-by-rule --stage STAGE --reviewer NAME stops screening STAGE by the stopping rule\n"
     "(recall >= stopping-target with stopping-confidence, the criteria file): refused, exit 1,\n"
     "while it is not met; when met, writes decisions/STAGE-stopping-rule.csv excluding every\n"
     "unscreened record and adds the stop to the search log (docs/screen.md).",
     {{"--criteria", "FILE"},
      {"--decisions", "FILE"},
      {"--extraction", "FILE"},
      {"--stage", "STAGE"},
      {"--reviewer", "NAME"}},
     {{"synth screen", "screen with criteria.txt, decisions/*.csv and extraction/*.csv"},
      {"synth screen --conflicts", "list where two reviewers disagree"},
      {"synth screen --interactive --stage title-abstract --reviewer AT", "screen in the terminal"},
      {"synth screen --stop-by-rule --stage title-abstract --reviewer AT", "stop when the stopping rule is met"}}},

    {"fulltext",
     "Look up open-access full text of the records sought for retrieval (Unpaywall)",
     setup_fulltext,
     "Looks up each record that reached full-text screening in Unpaywall by DOI and records\n"
     "whether it is open access, the best open-access URL, the PDF URL, the licence, the host\n"
     "type and the date of the check. A record without a DOI is \"not checked\" (never \"not\n"
     "retrieved\"); a DOI Unpaywall does not know is \"not found\". Records checked before are\n"
     "skipped unless --refresh. synth export --only sought lists them (docs/fulltext.md).\n"
     "Environment: SYNTH_EMAIL (required by Unpaywall), SYNTH_UNPAYWALL_URL. Exit 1 without\n"
     "SYNTH_EMAIL, before synth screen, or on network errors (re-run resumes from cache/).",
     {},
     {{"synth fulltext", "check the records sought for retrieval (with SYNTH_EMAIL set)"},
      {"synth fulltext --offline", "replay the checks from cache/"},
      {"synth export --only sought --format csv -o retrieval.csv", "the retrieval list with the URLs found"}}},

    {"prisma",
     "The PRISMA 2020 flow: counts, checks, JSON, CSV and diagram",
     setup_prisma,
     "Computes the PRISMA 2020 flow of the project (identified, duplicates, screened, excluded\n"
     "by reason, included) and prints it as text, JSON, the PRISMA2020 CSV template or an SVG\n"
     "diagram. --expect compares it with a flow kept in git and fails when it drifts.",
     {{"--format", "FORMAT"}, {"--output", "FILE"}, {"--counts", "FILE"}, {"--expect", "FILE"}},
     {{"synth prisma", "print the flow"},
      {"synth prisma --format svg -o prisma.svg", "draw the diagram"},
      {"synth prisma --expect prisma.json", "exit 1 listing the boxes that differ from prisma.json"}}},

    {"translate",
     "Write a strategy in another platform's syntax (PubMed, Ovid, EBSCOhost, ProQuest, WoS, Scopus, Cochrane)",
     setup_translate,
     "Reads a query file in the syntax it declares (database: or syntax: pubmed, ovid, ebsco,\n"
     "proquest, wos, scopus, cochrane) and writes it for the platform --to names (pubmed, ovid, ebsco, proquest, wos, scopus,\n"
     "cochrane), line for line, numbered as that platform numbers its history (S1.. on\n"
     "EBSCOhost and ProQuest, #1.. on WoS and Cochrane; Scopus: one query with the lines\n"
     "written out). A header comment lists every lossy step with its line: a field the target\n"
     "lacks and the one that stands in, proximity widened, a wildcard spelled differently, a\n"
     "heading with no mapping kept as words. Exit 1 with FILE:LINE:COL when the strategy has\n"
     "an error (docs/translate.md).",
     {{"file", "FILE"}, {"--to", "PLATFORM"}, {"--output", "FILE"}},
     {{"synth translate queries/cd008081.query --to pubmed", "an Ovid MEDLINE strategy for PubMed"},
      {"synth translate queries/medline.query --to ovid -o medline-ovid.query", "a PubMed strategy for Ovid"},
      {"synth translate queries/medline.query --to ebsco", "the 2015 review's Medline strategy for CINAHL"},
      {"synth translate queries/cinahl.query --to pubmed", "the CINAHL (EBSCOhost) strategy for PubMed"},
      {"synth translate queries/cd008081.query --to pubmed --json", "the tree, the lines and the notes"}}},

    {"log",
     "The search log (PRISMA-S): every search and import",
     setup_log,
     "Prints every search and import with its date, database, query and counts, and every stop\n"
     "by the stopping rule (synth screen --stop-by-rule), as PRISMA-S\n"
     "asks a review to report them.",
     {},
     {{"synth log", "the search log"}, {"synth log --full", "with each query file verbatim"}}},

    {"export",
     "Export records as RIS, CSV or JSON lines",
     setup_export,
     "Writes the records of the store, or those of one screening outcome or stage, as RIS, CSV\n"
     "(with cluster_id and screening columns) or JSON lines. --pending STAGE lists the records\n"
     "waiting at a human stage in ranked order, most likely relevant first (docs/screen.md).\n"
     "--only sought gives the retrieval list: the records sought for retrieval with what synth\n"
     "fulltext found in Unpaywall (docs/fulltext.md).",
     {{"--format", "FORMAT"}, {"--only", "WHICH"}, {"--stage", "STAGE"}, {"--pending", "STAGE"}, {"--output", "FILE"}},
     {{"synth export --only unique -o unique.csv", "one row per unique record"},
      {"synth export --pending title --format ris -o batch.ris", "the next reviewer's batch"},
      {"synth export --only sought -o retrieval.csv", "the retrieval list with open-access URLs"}}},

    {"status",
     "What the project holds, stage by stage",
     setup_status,
     "Prints what the project holds: searches, imports, records, unique records, duplicates\n"
     "removed, uncertain pairs and, per screening stage, pending, passed and excluded by reason;\n"
     "for each stage and reviewer screening it, the stopping rule's p-value, the records still\n"
     "unscreened and whether the rule is met (docs/screen.md).",
     {},
     {{"synth status", "the project at a glance"}, {"synth --json status", "the same as one JSON document"}}},

    {"simulate",
     "Replay prioritised screening on a labelled set: WSS, RRF, stopping rule",
     setup_simulate,
     "Reads a CSV with title, abstract and a 0/1 label (the ASReview and Cohen 2006 sets) and\n"
     "replays screening ranked by active learning (TF-IDF and a linear SVM, retrained as\n"
     "decisions come) from one relevant and one irrelevant prior chosen by each seed. Prints\n"
     "per seed and on average WSS@95, WSS@100, RRF@10 and ATD, and where the stopping rule\n"
     "(recall >= target with the confidence given; docs/rank.md) fires and the recall there.\n"
     "--model ensemble, nb or nbsvm replays the other models of docs/rank.md (not the default).\n"
     "Needs no project. Exit 1 on a bad file (named with its line), 2 on bad options.",
     {{"data", "DATA.csv"},
      {"--seeds", "N"},
      {"--label", "COLUMN"},
      {"--target", "RECALL"},
      {"--confidence", "C"},
      {"--model", "svm|ensemble|nb|nbsvm"}},
     {{"synth simulate ADHD.csv", "10 runs on the final-inclusion label"},
      {"synth simulate ADHD.csv --label label_abstract_screening --seeds 3", "the title-abstract label, 3 runs"},
      {"synth --json simulate Nagtegaal_2019.csv", "one JSON document with the means and the stopping rule"},
      {"synth simulate UrinaryIncontinence.csv --model nb", "the same replay ranked by the naive Bayes alone"}}},

    {"check",
     "Verify that the raw archive (synth.raw/) and the store agree",
     setup_check,
     "Verifies that every byte of the raw archive (synth.raw/) belongs to one record of the\n"
     "store. --repair cuts off what a killed command left behind; it never touches a record.",
     {},
     {{"synth check", "verify the archive (after a crash, say)"},
      {"synth check --repair", "cut off bytes that belong to no record"}}},
  };
  return table;
}

} // namespace synth::cli
