// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli.h"

#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/base/errors.h"

namespace quire::cli {
namespace {

struct Command {
    const char* name;
    int (*run)(const Words& args, std::ostream& out, std::ostream& err);
    const char* section;  // the heading --help lists it under
    const char* help;     // its lines in --help
};

// Every command, in the order --help lists them. Each line of --help stays one string.
// clang-format off
const Command kCommands[] = {
    {"new", cmd_new, "Projects",
     "  new P [--name NAME]                    create an empty project file P\n"},
    {"demo", cmd_demo, "Projects",
     "  demo P                                 write a fresh copy of the demo project to P\n"},
    {"info", cmd_info, "Projects",
     "  info P [--language CODE]               project name, GUID, counts; --language sets the\n"
     "                                         transcripts' language (ISO 639: en, fr, de...)\n"},
    {"import", cmd_import, "Documents",
     "  import P FILE... [--name NAME] [--attr KEY=VALUE]... [--encoding ENC] [--no-index]\n"
     "                                         import .txt (any common encoding) or .docx, a\n"
     "                                         REFI-QDA project (.qdpx, .qde) from another tool,\n"
     "                                         or a REFI-QDA codebook (.qdc) into the codebook;\n"
     "                                         new documents are indexed for search\n"},
    {"docs", cmd_docs, "Documents",
     "  docs P [--delete DOC]...               list documents, or delete some (with their codings)\n"},
    {"text", cmd_text, "Documents",
     "  text P DOC                             print a document's stored text exactly\n"},
    {"codes", cmd_codes, "Codebook",
     "  codes P                                list codes as a tree\n"},
    {"code", cmd_code, "Codebook",
     "  code add P NAME [--parent CODE] [--color #RRGGBB] [--definition TEXT]\n"
     "                  [--inclusion TEXT] [--exclusion TEXT] [--example TEXT]\n"
     "  code edit P CODE [--color #RRGGBB] [--definition TEXT] [--inclusion TEXT]\n"
     "                   [--exclusion TEXT] [--example TEXT]\n"
     "  code rename P CODE NEW-NAME\n"
     "  code move P CODE (--parent CODE | --top) [--position N]\n"
     "  code merge P SOURCE TARGET             codings move to TARGET, duplicates collapse\n"
     "  code delete P CODE [--force]           refused while coded unless forced\n"
     "  code apply P --doc DOC --code CODE --coder NAME (--range START:END | --match TEXT)\n"},
    {"codings", cmd_codings, "Codings",
     "  codings export P [--json]              CSV: document,coder,code,start,end\n"
     "  codings import P FILE.csv              same CSV; all rows or none\n"
     "  codings remove P ID\n"},
    {"segments", cmd_segments, "Codings",
     "  segments P --code CODE [--coder NAME] [--doc DOC] [--context N] [--csv | --xlsx FILE]\n"},
    {"codebook", cmd_codebook, "Codings",
     "  codebook P (--csv | --md | --xlsx FILE)  the codebook with every field\n"},
    {"report", cmd_report, "Codings",
     "  report P OUT.html                      codebook, code frequencies and segments by code\n"},
    {"coders", cmd_coders, "Codings", "  coders P                               list coders\n"},
    {"cases", cmd_cases, "Codings",
     "  cases P                                list cases with their documents and attributes\n"},
    {"agreement", cmd_agreement, "Agreement",
     "  agreement P (--coders A,B[,C...] | --group1 A,.. --group2 B,..) [--code CODE]...\n"
     "              [--doc DOC]... [--unit "
     "character|word|sentence|paragraph|turn|segment|document]\n"
     "              [--coverage SHARE] [--overlap SHARE] [--json|--csv] [--no-store]\n"
     "              [--xlsx FILE] [--html FILE]\n"
     "  agreement P --history                  every stored agreement run\n"
     "  agreement --ratings FILE.csv [--level nominal|ordinal|interval|ratio] [--categories N]\n"
     "                                         calculator for a table: unit id, one column per "
     "coder\n"},
    {"disagreements", cmd_disagreements, "Agreement",
     "  disagreements P --coders A,B [--code CODE]... [--doc DOC]... [--context N]\n"
     "                                         passages where two coders differ, code by code\n"},
    {"adopt", cmd_adopt, "Agreement",
     "  adopt P --coders A,B --doc DOC --code CODE --at POSITION --take A [--consensus NAME]\n"
     "                                         copy one coder's version into the consensus "
     "layer\n"},
    {"search", cmd_search, "Search",
     "  search P QUERY [--code CODE]... [--coder NAME]... [--attr KEY=VALUE]... [--doc DOC]...\n"
     "                 [--case CASE]... [--limit N] [--offset N] [--count] [--json]\n"
     "                                         hits with exact positions and a snippet; --count\n"
     "                                         adds totals and hits per document and per code\n"
     "  search P QUERY ... --apply-code CODE --as NAME [--spread hit|paragraph]\n"
     "                                         code every hit (or its paragraph), all or none\n"},
    {"index", cmd_index, "Search",
     "  index P [--rebuild]                    bring the search index up to date (or rebuild it)\n"
     "                                         and show its size; progress on stderr\n"},
    {"export", cmd_export, "Exchange",
     "  export P OUT.qdpx|OUT.qdc [--force]    REFI-QDA project (.qdpx) or codebook (.qdc)\n"},
};
// clang-format on

// clang-format off
constexpr const char* kUsageEnd =
    "\n"
    "DOC is a document name or id, CODE a code name, path (Parent/Child) or id. Positions are\n"
    "half-open [start, end) ranges of Unicode code points in the stored (NFC, LF) text.\n"
    "Every listing takes --json.\n";
// clang-format on

// Lines closing a section of --help.
const std::map<std::string, const char*> kSectionNotes = {
    {"Search",
     "  QUERY: words (stemmed; all in one paragraph), \"a phrase\", OR, NOT, -word, NEAR/5,\n"
     "  exploit*, (grouping), and filters doc:NAME case:NAME code:CODE coder:NAME KEY:VALUE\n"},
};

std::string usage() {
    std::string text = "usage: quire-cli COMMAND PROJECT [ARGS] [--json]\n\n";
    std::string section;
    const auto close_section = [&] {
        if (const auto note = kSectionNotes.find(section); note != kSectionNotes.end()) {
            text += note->second;
        }
    };
    for (const Command& command : kCommands) {
        if (command.section != section) {
            close_section();
            section = command.section;
            text += section + "\n";
        }
        text += command.help;
    }
    close_section();
    return text + kUsageEnd;
}

int dispatch(const Words& args, std::ostream& out, std::ostream& err) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        out << usage();
        return args.empty() ? 2 : 0;
    }
    const Words rest(args.begin() + 1, args.end());
    for (const Command& command : kCommands) {
        if (args[0] == command.name) {
            return command.run(rest, out, err);
        }
    }
    throw UsageError("unknown command \"" + args[0] + "\" (see quire-cli --help)");
}

template <typename Kind>
bool is(const std::exception& e) {
    return dynamic_cast<const Kind*>(&e) != nullptr;
}

// The exit status of each kind of error, as cli.h documents them; anything else is 1. The
// first kind that matches wins: a subclass would go before its base.
const std::pair<bool (*)(const std::exception&), int> kExitStatuses[] = {
    {is<UsageError>, 2},       {is<NotFoundError>, 3}, {is<InvalidInputError>, 4},
    {is<ConflictError>, 5},    {is<ImportError>, 6},   {is<ProjectFileError>, 7},
    {is<SearchIndexError>, 8},
};

int exit_status(const std::exception& e) {
    for (const auto& [matches, status] : kExitStatuses) {
        if (matches(e)) {
            return status;
        }
    }
    return 1;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    try {
        return dispatch(args, out, err);
    } catch (const std::exception& e) {
        err << "quire-cli: " << one_line(e.what())
            << (is<UsageError>(e) ? " (see quire-cli --help)" : "") << "\n";
        return exit_status(e);
    }
}

}  // namespace quire::cli
