// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/help.h"
#include "app/cli/output.h"
#include "core/base/errors.h"

namespace quire::cli {
namespace {

struct Command {
    const char* name;
    int (*run)(const Words& args, std::ostream& out, std::ostream& err);
    const char* section;
    std::vector<Usage> usages;
};

// Every command, in the order --help lists them. Synopsis and description lines are kept as
// --help shows them, so the table reads like the help it makes.
// clang-format off
const Command kCommands[] = {
    {"new", cmd_new, "Projects", {
        {{"new P [--name NAME] [--json]"}, {"create an empty project file P"}}}},
    {"demo", cmd_demo, "Projects", {
        {{"demo P [--json]"}, {"write a fresh copy of the demo project to P"}}}},
    {"info", cmd_info, "Projects", {
        {{"info P [--language CODE] [--json]"},
         {"project name, GUID, counts; --language sets the",
          "transcripts' language (ISO 639: en, fr, de...)"}}}},
    {"import", cmd_import, "Documents", {
        {{"import P FILE... [--name NAME] [--attr KEY=VALUE]... [--encoding ENC] [--no-index]",
          "         [--json]"},
         {"import .txt (any common encoding) or .docx, a",
          "REFI-QDA project (.qdpx, .qde) from another tool,",
          "or a REFI-QDA codebook (.qdc) into the codebook;",
          "new documents are indexed for search"}}}},
    {"docs", cmd_docs, "Documents", {
        {{"docs P [--group NAME]... [--json]"}, {"list documents (of these groups)"}},
        {{"docs P --delete DOC..."}, {"delete documents with their codings"}}}},
    {"text", cmd_text, "Documents", {
        {{"text P DOC [--json]"}, {"print a document's stored text exactly"}}}},
    {"groups", cmd_groups, "Documents", {
        {{"groups P [--json]"}, {"document groups with their documents"}}}},
    {"group", cmd_group, "Documents", {
        {{"group add P NAME [--description TEXT] [--json]"}, {}},
        {{"group remove P GROUP"}, {"its documents stay"}},
        {{"group rename P GROUP NEW-NAME"}, {}},
        {{"group assign P GROUP DOC..."}, {"put documents in a group"}},
        {{"group unassign P GROUP DOC..."}, {"take documents out of a group"}}}},
    {"codes", cmd_codes, "Codebook", {
        {{"codes P [--doc DOC]... [--group NAME]... [--coder NAME]... [--json]"},
         {"codes as a tree with their counts; --json adds", "documents and coverage, with child codes too"}}}},
    {"code", cmd_code, "Codebook", {
        {{"code add P NAME [--parent CODE] [--color #RRGGBB] [--definition TEXT]",
          "                [--inclusion TEXT] [--exclusion TEXT] [--example TEXT] [--json]"}, {}},
        {{"code edit P CODE [--color #RRGGBB] [--definition TEXT] [--inclusion TEXT]",
          "                 [--exclusion TEXT] [--example TEXT]"}, {}},
        {{"code rename P CODE NEW-NAME"}, {}},
        {{"code move P CODE (--parent CODE | --top) [--position N]"}, {}},
        {{"code merge P SOURCE TARGET"}, {"codings move to TARGET, duplicates collapse"}},
        {{"code delete P CODE [--force]"}, {"refused while coded unless forced"}},
        {{"code apply P --doc DOC --code CODE --coder NAME (--range START:END | --match TEXT)",
          "                 [--json]"}, {}}}},
    {"codings", cmd_codings, "Codings", {
        {{"codings export P [--json]"}, {"CSV: document,coder,code,start,end"}},
        {{"codings import P FILE.csv [--json]"}, {"same CSV; all rows or none"}},
        {{"codings edit P ID [--range START:END] [--code CODE] [--json]"},
         {"move a coding's boundaries or change its code,", "keeping its identity and memo"}},
        {{"codings remove P ID"}, {}}}},
    {"segments", cmd_segments, "Codings", {
        {{"segments P --code CODE... [--coder NAME]... [--doc DOC]... [--group NAME]...",
          "           [--case CASE]... [--context N] [--exact] [--json]"},
         {"coded passages with their context"}},
        {{"segments P [--code CODE]... [--coder NAME]... [--doc DOC]... [--group NAME]...",
          "           [--case CASE]... (--csv | --xlsx FILE [--force])"},
         {"every coded passage as a table"}}}},
    {"codebook", cmd_codebook, "Codings", {
        {{"codebook P (--csv | --md | --xlsx FILE [--force])"}, {"the codebook with every field"}}}},
    {"report", cmd_report, "Codings", {
        {{"report P OUT.html"}, {"codebook, code frequencies and segments by code"}}}},
    {"coders", cmd_coders, "Codings", {
        {{"coders P [--json]"}, {"list coders"}}}},
    {"view", cmd_view, "Codings", {
        {{"view P --coder NAME [--blind on|off] [--hide-coder NAME]... [--show-coder NAME]...",
          "       [--hide-code CODE]... [--show-code CODE]... [--json]"},
         {"what a coder sees in the workbench; blind: their",
          "own codings and the consensus layer only"}}}},
    {"cases", cmd_cases, "Cases", {
        {{"cases P [--json]"}, {"list cases with their documents and attributes"}}}},
    {"case", cmd_case, "Cases", {
        {{"case add P NAME [--description TEXT] [--json]"}, {}},
        {{"case rename P CASE NEW_NAME"}, {}},
        {{"case remove P CASE"}, {"its links and values go, its documents stay"}},
        {{"case link P CASE --doc DOC [--range START:END]"},
         {"link a whole document or a segment of it"}},
        {{"case unlink P CASE --doc DOC [--range START:END]"}, {}}}},
    {"attr", cmd_attr, "Cases", {
        {{"attr set P (--doc DOC | --case CASE) KEY=VALUE...",
          "         [--type text|boolean|integer|float|date]"},
         {"values are checked for the attribute's type;",
          "--type is the type of a new attribute"}},
        {{"attr unset P (--doc DOC | --case CASE) KEY"}, {}},
        {{"attr choices P KEY [CHOICE]... [--clear] [--json]"},
         {"a text attribute's choices: its values must be", "one of them (none given: list them)"}}}},
    {"attrs", cmd_attrs, "Cases", {
        {{"attrs P [--json]"}, {"one row per document and per case, one column per", "attribute"}},
        {{"attrs export P (--csv | --xlsx FILE [--force])"}, {"the same sheet as a table"}},
        {{"attrs import P FILE.csv|FILE.xlsx [--dry-run] [--json]"},
         {"that table's values (the kind column may be left", "out), all rows or none; --dry-run shows matches,", "problems and changes"}}}},
    {"memo", cmd_memo, "Memos", {
        {{"memo add P (--project | --doc DOC | --code CODE | --coding ID | --case CASE)",
          "         [--author NAME] [--title TITLE] TEXT [--json]"},
         {"write a memo about the project or one of its parts"}},
        {{"memo edit P ID TEXT [--title TITLE]"}, {"replace a memo's text (and title)"}},
        {{"memo remove P ID"}, {}}}},
    {"memos", cmd_memos, "Memos", {
        {{"memos P [--kind project|document|code|coding|case] [--author NAME] [--text WORDS]",
          "        [--json]"},
         {"memos with what each is attached to; --text", "keeps those holding every word"}},
        {{"memos P (--md | --csv | --xlsx FILE [--force])"},
         {"every memo: Markdown by kind, or one row each"}}}},
    {"undo", cmd_undo, "History", {
        {{"undo P [--json]"}, {"take back the newest action (of the last 100)"}}}},
    {"redo", cmd_redo, "History", {
        {{"redo P [--json]"}, {"bring back the action undone last"}}}},
    {"log", cmd_log, "History", {
        {{"log P [--limit N] [--coder NAME] [--since TIME] [--json]"},
         {"the project's actions, newest first: who, when,", "what and what it changed (50 by default, 0: all),",
          "with those merged in from copies"}}}},
    {"handout", cmd_handout, "Teams", {
        {{"handout P OUT.quire --coder NAME [--doc DOC]... [--force] [--json]"},
         {"a copy for one coder: the documents, the codebook,", "every GUID kept, blind coding on"}}}},
    {"merge", cmd_merge, "Teams", {
        {{"merge P OTHER.quire|OTHER.qdpx [--dry-run] [--prefer ours|theirs]",
          "        [--match-codes-by-path] [--json]"},
         {"a copy's work back by identity, in one undoable", "action; --dry-run lists changes and conflicts"}}}},
    {"agreement", cmd_agreement, "Agreement", {
        {{"agreement P (--coders A,B[,C...] | --group1 A,.. --group2 B,..) [--code CODE]...",
          "            [--doc DOC]... [--group NAME]...",
          "            [--unit character|word|sentence|paragraph|turn|segment|document]",
          "            [--coverage SHARE] [--overlap SHARE] [--json|--csv] [--no-store]",
          "            [--xlsx FILE] [--html FILE] [--force]"}, {}},
        {{"agreement P --history"}, {"every stored agreement run"}},
        {{"agreement --ratings FILE.csv [--level nominal|ordinal|interval|ratio] [--categories N]"},
         {"calculator for a table: unit id, one column per coder"}}}},
    {"disagreements", cmd_disagreements, "Agreement", {
        {{"disagreements P --coders A,B [--code CODE]... [--doc DOC]... [--group NAME]...",
          "               [--context N] [--json]"},
         {"passages where two coders differ, code by code"}}}},
    {"adopt", cmd_adopt, "Agreement", {
        {{"adopt P --coders A,B --doc DOC --code CODE --at POSITION --take A [--consensus NAME]",
          "        [--json]"},
         {"copy one coder's version into the consensus layer"}}}},
    {"search", cmd_search, "Search", {
        {{"search P QUERY [--code CODE]... [--coder NAME]... [--attr KEY=VALUE]... [--doc DOC]...",
          "               [--group NAME]... [--case CASE]... [--limit N] [--offset N] [--count]",
          "               [--json]"},
         {"hits with exact positions and a snippet; --count",
          "adds totals and hits per document and per code"}},
        {{"search P QUERY ... --apply-code CODE --as NAME [--spread hit|paragraph]"},
         {"code every hit (or its paragraph), all or none"}}}},
    {"index", cmd_index, "Search", {
        {{"index P [--rebuild | --check] [--json]"},
         {"bring the search index up to date (or rebuild it)", "and show its size; progress on stderr;",
          "--check reads every table and rebuilds a damaged index"}},
        {{"index --prune [--json]"},
         {"remove cached indexes of projects that are gone"}}}},
    {"query", cmd_query, "Questions", {
        {{"query P EXPRESSION [--coder NAME]... [--doc DOC]... [--group NAME]... [--case CASE]...",
          "        [--limit N] [--context N] [--count] [--json] [--save NAME [--replace]]"},
         {"passages that answer a coding query (see QUERIES",
          "in the README): codes, text, fields, AND OR NOT,", "OVERLAPS WITHIN NEAR/n ...; --count: totals only"}},
        {{"query P (EXPRESSION | --run NAME) ... (--csv | --xlsx FILE [--force])"},
         {"every passage as a table"}},
        {{"query P (EXPRESSION | --run NAME) --as-code CODE --coder NAME"},
         {"code every passage, one undoable action"}}}},
    {"queries", cmd_queries, "Questions", {
        {{"queries P [--json]"}, {"saved queries: name, expression, who, when"}},
        {{"queries P --remove NAME"}, {}}}},
    {"matrix", cmd_matrix, "Questions", {
        {{"matrix P --rows AXIS --cols AXIS [--cell segments|documents|cases|words|characters]",
          "         [--percent row|col|total] [--coder NAME]... [--doc DOC]... [--group NAME]...",
          "         [--case CASE]... [--json [--passages] | --csv | --xlsx FILE [--force]]"},
         {"crosstab; AXIS: codes, codes:PARENT, documents,",
          "cases, groups, attr:NAME, queries:NAME,NAME"}}}},
    {"cooccur", cmd_cooccur, "Questions", {
        {{"cooccur P [--code CODE]... [--by overlap|paragraph|turn|document|near:N]",
          "          [--coder NAME]... [--doc DOC]... [--group NAME]... [--case CASE]...",
          "          [--json [--passages] | --csv | --xlsx FILE [--force]]"},
         {"code co-occurrence with the c-coefficient"}}}},
    {"export", cmd_export, "Exchange", {
        {{"export P OUT.qdpx|OUT.qdc [--force]"}, {"REFI-QDA project (.qdpx) or codebook (.qdc)"}}}},
};
// clang-format on

template <typename Kind>
bool is(const std::exception& e) {
    return dynamic_cast<const Kind*>(&e) != nullptr;
}

struct ErrorStatus {
    bool (*matches)(const std::exception&);
    int status;
    const char* meaning;
};

// The exit status of each kind of error; anything else is 1. The first kind that matches
// wins: a subclass would go before its base.
const ErrorStatus kExitStatuses[] = {
    {is<UsageError>, 2, "usage error: an unknown command or option, or a missing argument"},
    {is<NotFoundError>, 3, "not found: no such document, code, coder, case or memo"},
    {is<InvalidInputError>, 4, "invalid input: a value or file that cannot be used as given"},
    {is<ConflictError>, 5,
     "conflict: the action clashes with what the project holds, or the file to write exists"},
    {is<ImportError>, 6, "import failed: nothing was imported"},
    {is<ProjectBusyError>, 9,
     "busy: another program kept the project locked for writing longer than the wait "
     "(QUIRE_WAIT_SECONDS, 30 s by default); nothing was changed, try again"},
    {is<ProjectFileError>, 7,
     "project file problem: no such project file, not a Quire project, damaged, newer than this "
     "Quire, locked by another program, or not readable or writable"},
    {is<SearchIndexError>, 8,
     "search index problem: the project's search index (a cache) cannot be created, written or "
     "read; the project is unaffected"},
};

int exit_status(const std::exception& e) {
    for (const ErrorStatus& entry : kExitStatuses) {
        if (entry.matches(e)) {
            return entry.status;
        }
    }
    return 1;
}

// Descriptions start in this column of --help, on the synopsis's line when it is one short
// line, else on lines of their own.
constexpr std::size_t kDescriptionColumn = 41;

void append_usage(const Usage& usage, std::string& text) {
    std::string line;
    for (std::size_t i = 0; i < usage.synopsis.size(); ++i) {
        if (i > 0) {
            text += line + "\n";
        }
        line = "  " + usage.synopsis[i];
    }
    for (const std::string& description : usage.description) {
        if (!line.empty() && (usage.synopsis.size() > 1 || line.size() + 2 > kDescriptionColumn)) {
            text += line + "\n";
            line.clear();
        }
        line.resize(kDescriptionColumn, ' ');
        text += line + description + "\n";
        line.clear();
    }
    if (!line.empty()) {
        text += line + "\n";
    }
}

// What the project's journal calls the running command's actions: "quire-cli code apply".
thread_local std::string command_label;

class CommandLabel {
public:
    explicit CommandLabel(std::string label) : previous_(std::move(command_label)) {
        command_label = std::move(label);
    }
    ~CommandLabel() { command_label = std::move(previous_); }
    CommandLabel(const CommandLabel&) = delete;
    CommandLabel& operator=(const CommandLabel&) = delete;

private:
    std::string previous_;
};

// The command's name, with its subcommand when it has them ("code apply", "docs").
std::string action_label(const Command& command, const Words& rest) {
    std::string label = std::string("quire-cli ") + command.name;
    if (!rest.empty()) {
        const std::string with_sub = std::string(command.name) + " " + rest[0] + " ";
        for (const Usage& usage : command.usages) {
            if (!usage.synopsis.empty() && usage.synopsis[0].rfind(with_sub, 0) == 0) {
                return label + " " + rest[0];
            }
        }
    }
    return label;
}

int dispatch(const Words& args, std::ostream& out, std::ostream& err) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        out << usage_text();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        out << version_text() << "\n";
        return 0;
    }
    const Words rest(args.begin() + 1, args.end());
    for (const Command& command : kCommands) {
        if (args[0] == command.name) {
            const CommandLabel label(action_label(command, rest));
            return command.run(rest, out, err);
        }
    }
    throw UsageError("unknown command \"" + args[0] + "\" (see quire-cli --help)");
}

}  // namespace

const std::vector<CommandHelp>& command_help() {
    static const std::vector<CommandHelp> help = [] {
        std::vector<CommandHelp> commands;
        for (const Command& command : kCommands) {
            commands.push_back({command.name, command.section, command.usages});
        }
        return commands;
    }();
    return help;
}

const std::vector<SectionNote>& section_notes() {
    static const std::vector<SectionNote> notes = {
        {"Search",
         {"QUERY: words (stemmed; all in one paragraph), \"a phrase\", \"work* with\", OR, NOT,",
          "-word, NEAR/5, exploit*, (grouping), and filters doc:NAME case:NAME code:CODE",
          "coder:NAME KEY:VALUE \"KEY WITH SPACES\":VALUE"}},
    };
    return notes;
}

const std::vector<std::string>& conventions() {
    static const std::vector<std::string> lines = {
        "DOC is a document name or id, CODE a code name, path (Parent/Child) or id. Positions are",
        "half-open [start, end) ranges of Unicode code points in the stored (NFC, LF) text.",
        "--doc and --group choose documents: repeated, each adds; together, documents that are",
        "both named and in a named group.",
        "Every listing takes --json.",
    };
    return lines;
}

std::vector<ExitStatusHelp> exit_status_help() {
    std::vector<ExitStatusHelp> statuses = {{0, "success"}};
    for (const ErrorStatus& entry : kExitStatuses) {
        statuses.push_back({entry.status, entry.meaning});
    }
    statuses.push_back({1, "any other error"});
    // In numeric order for the manual, whatever order the matching needs.
    std::stable_sort(
        statuses.begin() + 1, statuses.end() - 1,
        [](const ExitStatusHelp& a, const ExitStatusHelp& b) { return a.status < b.status; });
    return statuses;
}

std::string usage_text() {
    std::string text =
        "usage: quire-cli COMMAND PROJECT [ARGS] [--json]\n"
        "       quire-cli --help | --version\n\n";
    std::string section;
    const auto close_section = [&] {
        for (const SectionNote& note : section_notes()) {
            if (note.section == section) {
                for (const std::string& line : note.lines) {
                    text += "  " + line + "\n";
                }
            }
        }
    };
    for (const Command& command : kCommands) {
        if (command.section != section) {
            close_section();
            section = command.section;
            text += section + "\n";
        }
        for (const Usage& usage : command.usages) {
            append_usage(usage, text);
        }
    }
    close_section();
    text += "\n";
    for (const std::string& line : conventions()) {
        text += line + "\n";
    }
    return text;
}

std::string version_number() {
    return QUIRE_VERSION;
}

std::string version_text() {
    return "quire-cli " + version_number();
}

namespace {

// The running command's error stream, for open_project's notices.
thread_local std::ostream* command_err = nullptr;

class CommandErr {
public:
    explicit CommandErr(std::ostream& err) : previous_(command_err) { command_err = &err; }
    ~CommandErr() { command_err = previous_; }
    CommandErr(const CommandErr&) = delete;
    CommandErr& operator=(const CommandErr&) = delete;

private:
    std::ostream* previous_;
};

// How long a command waits for another program writing to its project: 30 s, or
// QUIRE_WAIT_SECONDS (0 to fail at once, as a script polling the file may prefer).
int wait_seconds() {
    const char* value = std::getenv("QUIRE_WAIT_SECONDS");
    if (value == nullptr || *value == '\0') {
        return 30;
    }
    char* end = nullptr;
    const long seconds = std::strtol(value, &end, 10);
    if (*end != '\0' || seconds < 0 || seconds > 86400) {
        throw UsageError("QUIRE_WAIT_SECONDS must be a whole number of seconds, not \"" +
                         std::string(value) + "\"");
    }
    return static_cast<int>(seconds);
}

}  // namespace

Project open_project(const std::string& path) {
    const int limit = wait_seconds();
    Project project = Project::open(path, std::chrono::seconds(limit));
    if (!command_label.empty()) {
        project.set_action_label(command_label);
    }
    std::ostream* err = command_err;
    // A line when the wait starts and one every ten seconds: enough to explain a pause
    // without filling a log.
    project.set_wait(std::chrono::seconds(limit), [err, path, limit, said = -1](double s) mutable {
        const int tens = static_cast<int>(std::floor(s / 10));
        if (err != nullptr && tens != said) {
            said = tens;
            *err << "quire-cli: waiting for another program that is writing to " << path << " ("
                 << static_cast<int>(s) << " s of " << limit << " s)\n"
                 << std::flush;
        }
    });
    return project;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const CommandErr notices(err);
    try {
        return dispatch(args, out, err);
    } catch (const std::exception& e) {
        err << "quire-cli: " << one_line(e.what())
            << (is<UsageError>(e) ? " (see quire-cli --help)" : "") << "\n";
        return exit_status(e);
    }
}

}  // namespace quire::cli
