// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/help.h"
#include "app/cli/manual.h"
#include "tests/support/cli_runner.h"
#include "tests/support/scratch.h"

using quire::test::cli;
using quire::test::CliResult;

// The usage is generated from the command table: this is the text scripts and the README
// were written against.
const char* const kExpectedUsage = R"(usage: quire-cli COMMAND PROJECT [ARGS] [--json]
       quire-cli --help | --version

Projects
  new P [--name NAME] [--json]           create an empty project file P
  demo P [--json]                        write a fresh copy of the demo project to P
  info P [--language CODE] [--json]      project name, GUID, counts; --language sets the
                                         transcripts' language (ISO 639: en, fr, de...)
Documents
  import P FILE... [--name NAME] [--attr KEY=VALUE]... [--encoding ENC] [--no-index]
           [--json]
                                         import .txt (any common encoding) or .docx, a
                                         REFI-QDA project (.qdpx, .qde) from another tool,
                                         or a REFI-QDA codebook (.qdc) into the codebook;
                                         new documents are indexed for search
  docs P [--group NAME]... [--json]      list documents (of these groups)
  docs P --delete DOC...                 delete documents with their codings
  text P DOC [--json]                    print a document's stored text exactly
  groups P [--json]                      document groups with their documents
  group add P NAME [--description TEXT] [--json]
  group remove P GROUP                   its documents stay
  group rename P GROUP NEW-NAME
  group assign P GROUP DOC...            put documents in a group
  group unassign P GROUP DOC...          take documents out of a group
Codebook
  codes P [--doc DOC]... [--group NAME]... [--coder NAME]... [--json]
                                         codes as a tree with their counts; --json adds
                                         documents and coverage, with child codes too
  code add P NAME [--parent CODE] [--color #RRGGBB] [--definition TEXT]
                  [--inclusion TEXT] [--exclusion TEXT] [--example TEXT] [--json]
  code edit P CODE [--color #RRGGBB] [--definition TEXT] [--inclusion TEXT]
                   [--exclusion TEXT] [--example TEXT]
  code rename P CODE NEW-NAME
  code move P CODE (--parent CODE | --top) [--position N]
  code merge P SOURCE TARGET             codings move to TARGET, duplicates collapse
  code delete P CODE [--force]           refused while coded unless forced
  code apply P --doc DOC --code CODE --coder NAME (--range START:END | --match TEXT)
                   [--json]
Codings
  codings export P [--json]              CSV: document,coder,code,start,end
  codings import P FILE.csv [--json]     same CSV; all rows or none
  codings edit P ID [--range START:END] [--code CODE] [--json]
                                         move a coding's boundaries or change its code,
                                         keeping its identity and memo
  codings remove P ID
  segments P --code CODE... [--coder NAME]... [--doc DOC]... [--group NAME]...
             [--case CASE]... [--context N] [--exact] [--json]
                                         coded passages with their context
  segments P [--code CODE]... [--coder NAME]... [--doc DOC]... [--group NAME]...
             [--case CASE]... (--csv | --xlsx FILE [--force])
                                         every coded passage as a table
  codebook P (--csv | --md | --xlsx FILE [--force])
                                         the codebook with every field
  report P OUT.html                      codebook, code frequencies and segments by code
  coders P [--json]                      list coders
  view P --coder NAME [--blind on|off] [--hide-coder NAME]... [--show-coder NAME]...
         [--hide-code CODE]... [--show-code CODE]... [--json]
                                         what a coder sees in the workbench; blind: their
                                         own codings and the consensus layer only
Cases
  cases P [--json]                       list cases with their documents and attributes
  case add P NAME [--description TEXT] [--json]
  case rename P CASE NEW_NAME
  case remove P CASE                     its links and values go, its documents stay
  case link P CASE --doc DOC [--range START:END]
                                         link a whole document or a segment of it
  case unlink P CASE --doc DOC [--range START:END]
  attr set P (--doc DOC | --case CASE) KEY=VALUE...
           [--type text|boolean|integer|float|date]
                                         values are checked for the attribute's type;
                                         --type is the type of a new attribute
  attr unset P (--doc DOC | --case CASE) KEY
  attr choices P KEY [CHOICE]... [--clear] [--json]
                                         a text attribute's choices: its values must be
                                         one of them (none given: list them)
  attrs P [--json]                       one row per document and per case, one column per
                                         attribute
  attrs export P (--csv | --xlsx FILE [--force])
                                         the same sheet as a table
  attrs import P FILE.csv|FILE.xlsx [--dry-run] [--json]
                                         that table's values (the kind column may be left
                                         out), all rows or none; --dry-run shows matches,
                                         problems and changes
Memos
  memo add P (--project | --doc DOC | --code CODE | --coding ID | --case CASE)
           [--author NAME] [--title TITLE] TEXT [--json]
                                         write a memo about the project or one of its parts
  memo edit P ID TEXT [--title TITLE]    replace a memo's text (and title)
  memo remove P ID
  memos P [--kind project|document|code|coding|case] [--author NAME] [--text WORDS]
          [--json]
                                         memos with what each is attached to; --text
                                         keeps those holding every word
  memos P (--md | --csv | --xlsx FILE [--force])
                                         every memo: Markdown by kind, or one row each
History
  undo P [--json]                        take back the newest action (of the last 100)
  redo P [--json]                        bring back the action undone last
  log P [--limit N] [--coder NAME] [--since TIME] [--json]
                                         the project's actions, newest first: who, when,
                                         what and what it changed (50 by default, 0: all),
                                         with those merged in from copies
Teams
  handout P OUT.quire --coder NAME [--doc DOC]... [--force] [--json]
                                         a copy for one coder: the documents, the codebook,
                                         every GUID kept, blind coding on
  merge P OTHER.quire|OTHER.qdpx [--dry-run] [--prefer ours|theirs]
          [--match-codes-by-path] [--json]
                                         a copy's work back by identity, in one undoable
                                         action; --dry-run lists changes and conflicts
Agreement
  agreement P (--coders A,B[,C...] | --group1 A,.. --group2 B,..) [--code CODE]...
              [--doc DOC]... [--group NAME]...
              [--unit character|word|sentence|paragraph|turn|segment|document]
              [--coverage SHARE] [--overlap SHARE] [--json|--csv] [--no-store]
              [--xlsx FILE] [--html FILE] [--force]
  agreement P --history                  every stored agreement run
  agreement --ratings FILE.csv [--level nominal|ordinal|interval|ratio] [--categories N]
                                         calculator for a table: unit id, one column per coder
  disagreements P --coders A,B [--code CODE]... [--doc DOC]... [--group NAME]...
                 [--context N] [--json]
                                         passages where two coders differ, code by code
  adopt P --coders A,B --doc DOC --code CODE --at POSITION --take A [--consensus NAME]
          [--json]
                                         copy one coder's version into the consensus layer
Search
  search P QUERY [--code CODE]... [--coder NAME]... [--attr KEY=VALUE]... [--doc DOC]...
                 [--group NAME]... [--case CASE]... [--limit N] [--offset N] [--count]
                 [--json]
                                         hits with exact positions and a snippet; --count
                                         adds totals and hits per document and per code
  search P QUERY ... --apply-code CODE --as NAME [--spread hit|paragraph]
                                         code every hit (or its paragraph), all or none
  index P [--rebuild | --check] [--json]
                                         bring the search index up to date (or rebuild it)
                                         and show its size; progress on stderr;
                                         --check reads every table and rebuilds a damaged index
  index --prune [--json]                 remove cached indexes of projects that are gone
  QUERY: words (stemmed; all in one paragraph), "a phrase", "work* with", OR, NOT,
  -word, NEAR/5, exploit*, (grouping), and filters doc:NAME case:NAME code:CODE
  coder:NAME KEY:VALUE "KEY WITH SPACES":VALUE
Questions
  query P EXPRESSION [--coder NAME]... [--doc DOC]... [--group NAME]... [--case CASE]...
          [--limit N] [--context N] [--count] [--json] [--save NAME [--replace]]
                                         passages that answer a coding query (see QUERIES
                                         in the README): codes, text, fields, AND OR NOT,
                                         OVERLAPS WITHIN NEAR/n ...; --count: totals only
  query P (EXPRESSION | --run NAME) ... (--csv | --xlsx FILE [--force])
                                         every passage as a table
  query P (EXPRESSION | --run NAME) --as-code CODE --coder NAME
                                         code every passage, one undoable action
  queries P [--json]                     saved queries: name, expression, who, when
  queries P --remove NAME
  matrix P --rows AXIS --cols AXIS [--cell segments|documents|cases|words|characters]
           [--percent row|col|total] [--coder NAME]... [--doc DOC]... [--group NAME]...
           [--case CASE]... [--json [--passages] | --csv | --xlsx FILE [--force]]
                                         crosstab; AXIS: codes, codes:PARENT, documents,
                                         cases, groups, attr:NAME, queries:NAME,NAME
  cooccur P [--code CODE]... [--by overlap|paragraph|turn|document|near:N]
            [--coder NAME]... [--doc DOC]... [--group NAME]... [--case CASE]...
            [--json [--passages] | --csv | --xlsx FILE [--force]]
                                         code co-occurrence with the c-coefficient
Exchange
  export P OUT.qdpx|OUT.qdc [--force]    REFI-QDA project (.qdpx) or codebook (.qdc)

DOC is a document name or id, CODE a code name, path (Parent/Child) or id. Positions are
half-open [start, end) ranges of Unicode code points in the stored (NFC, LF) text.
--doc and --group choose documents: repeated, each adds; together, documents that are
both named and in a named group.
Every listing takes --json.
)";

TEST_CASE("the usage that --help and -h and help print is the documented one word for word",
          "[cli][usage]") {
    for (const char* help : {"--help", "-h", "help"}) {
        const CliResult r = cli({help});
        CHECK(r.status == 0);
        CHECK(r.out == kExpectedUsage);
        CHECK(r.err.empty());
    }
    const CliResult none = cli({});
    CHECK(none.status == 2);
    CHECK(none.out == kExpectedUsage);
}

TEST_CASE("every command the usage lists is one quire-cli runs", "[cli][usage]") {
    std::istringstream lines(cli({"--help"}).out);
    const std::regex command_line(R"(^  ([a-z]+) )");
    std::set<std::string> listed;
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, command_line)) {
            listed.insert(m[1]);
        }
    }
    CHECK(listed.size() == 37);
    for (const std::string& command : listed) {
        INFO(command);
        const CliResult r = cli({command});
        CHECK(r.status == 2);  // each needs more words than its name
        CHECK(r.err.find("unknown command") == std::string::npos);
    }
}

TEST_CASE("an unknown command is a usage error that points to --help", "[cli][usage]") {
    const CliResult r = cli({"frobnicate", "p.quire"});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("quire-cli: unknown command \"frobnicate\"", 0) == 0);
    CHECK(r.err.find("--help") != std::string::npos);
}

TEST_CASE("a command of subcommands names them when none or an unknown one is given",
          "[cli][usage]") {
    CHECK(cli({"code"}).err ==
          "quire-cli: expected code add|edit|rename|move|merge|delete|apply (see quire-cli "
          "--help)\n");
    CHECK(cli({"codings"}).err ==
          "quire-cli: expected codings export|import|edit|remove (see quire-cli --help)\n");
    const CliResult unknown = cli({"codings", "shred", "p.quire"});
    CHECK(unknown.status == 2);
    CHECK(unknown.err == "quire-cli: unknown command \"codings shred\" (see quire-cli --help)\n");
}

TEST_CASE("the version option prints the version set in CMake", "[cli][usage]") {
    const CliResult r = cli({"--version"});
    CHECK(r.status == 0);
    CHECK(r.out == "quire-cli " + quire::cli::version_number() + "\n");
    CHECK(std::regex_match(quire::cli::version_number(), std::regex(R"(\d+\.\d+\.\d+)")));
}

TEST_CASE("every option the usage shows is one its command accepts", "[cli][usage]") {
    const std::regex option(R"(--[a-z0-9-]+)");
    // Paths in a folder that does not exist: no command can create a file there.
    const quire::test::ScratchDir scratch;
    const std::string absent = scratch.path("absent");
    int checked = 0;
    for (const quire::cli::CommandHelp& command : quire::cli::command_help()) {
        for (const quire::cli::Usage& usage : command.usages) {
            std::string synopsis;
            for (const std::string& line : usage.synopsis) {
                synopsis += line + " ";
            }
            std::istringstream words(synopsis);
            std::vector<std::string> head;  // the command and its subcommand, if any
            for (std::string word; words >> word && std::regex_match(word, std::regex("[a-z]+"));) {
                head.push_back(word);
            }
            for (auto it = std::sregex_iterator(synopsis.begin(), synopsis.end(), option);
                 it != std::sregex_iterator(); ++it) {
                std::vector<std::string> args = head;
                args.insert(args.end(), {absent + "/missing.quire", it->str(), absent + "/1:2"});
                INFO(synopsis << " / " << it->str());
                CHECK(cli(args).err.find("unknown option") == std::string::npos);
                ++checked;
            }
        }
    }
    CHECK(checked > 80);
    CHECK(scratch.entries().empty());
}

TEST_CASE("the manual page lists every usage, section note and exit status of the help",
          "[cli][usage]") {
    const std::string page = quire::cli::manual_page("2026-01-02");
    CHECK(page.find(".TH QUIRE\\-CLI 1 \"2026-01-02\" \"Quire " + quire::cli::version_number()) !=
          std::string::npos);
    const auto roff_words = [](const std::string& text) {
        // The page escapes hyphens and keeps groups on one line with unbreakable spaces.
        std::string words = std::regex_replace(text, std::regex("-"), "\\-");
        return std::regex_replace(words, std::regex(" +"), " ");
    };
    std::string flat = std::regex_replace(page, std::regex(R"(\\ )"), " ");
    flat = std::regex_replace(flat, std::regex("\n"), " ");
    for (const quire::cli::CommandHelp& command : quire::cli::command_help()) {
        for (const quire::cli::Usage& usage : command.usages) {
            for (const std::string& line : usage.synopsis) {
                INFO(line);
                CHECK(
                    flat.find(roff_words(line.substr(line.find_first_not_of(' '))).substr(0, 40)) !=
                    std::string::npos);
            }
            for (const std::string& line : usage.description) {
                INFO(line);
                CHECK(flat.find(roff_words(line)) != std::string::npos);
            }
        }
    }
    for (const quire::cli::ExitStatusHelp& status : quire::cli::exit_status_help()) {
        INFO(status.status);
        CHECK(page.find(".B " + std::to_string(status.status) + "\n" +
                        roff_words(status.meaning)) != std::string::npos);
    }
    CHECK(quire::cli::exit_status_help().size() == 10);
}

TEST_CASE("the bash completion knows every command and subcommand", "[cli][usage]") {
    const std::string script = quire::cli::bash_completion();
    CHECK(script.find("complete -F _quire_cli quire-cli") != std::string::npos);
    for (const quire::cli::CommandHelp& command : quire::cli::command_help()) {
        INFO(command.name);
        CHECK(std::regex_search(
            script, std::regex("_quire_cli_reply -W \"[^\"]* " + command.name + "[ \"]")));
    }
    CHECK(script.find("\"add apply delete edit merge move rename\"") != std::string::npos);
    CHECK(script.find("--unit) words='character word sentence paragraph turn segment document'") !=
          std::string::npos);
}
